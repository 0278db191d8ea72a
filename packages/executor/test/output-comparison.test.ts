import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutputComparison, OutputMismatch } from "../src";

// The comparator is the fork server's own Python module, run here outside any sandbox by one
// interpreter that answers a comparison per line.
const comparator = readFileSync(fileURLToPath(new URL("../python/output_comparison.py", import.meta.url)), "utf8");
const driver = `
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    print(json.dumps(compare_output(c["actual"].encode(), c["expected"].encode(), c["comparison"])), flush=True)
`;

let python: ChildProcessWithoutNullStreams;
let answers: AsyncIterator<string>;
let lines: Interface;
beforeAll(() => {
  python = spawn("python3", ["-I", "-S", "-c", `${comparator}\n${driver}`]);
  lines = createInterface({ input: python.stdout });
  answers = lines[Symbol.asyncIterator]();
});
afterAll(() => {
  lines.close();
  python.kill();
});

async function compare(actual: string, expected: string, comparison: OutputComparison = { mode: "tokens" }): Promise<OutputMismatch | null> {
  python.stdin.write(`${JSON.stringify({ actual, expected, comparison })}\n`);
  const answer = await answers.next();
  return JSON.parse(answer.value as string) as OutputMismatch | null;
}

describe("tokens (the default)", () => {
  it("ignores spacing, line breaks and trailing whitespace", async () => {
    expect(await compare("1 2\n3\n", "1 2 3")).toBeNull();
    expect(await compare("  1\t2\r\n3  \n\n\n", "1\n2\n3\n")).toBeNull();
  });

  it("names the first differing token", async () => {
    expect(await compare("1 2 4\n", "1 2 3\n")).toEqual({
      message: "token 3 differs: expected '3', got '4'",
      token: 3,
      expected: "3",
      actual: "4",
    });
  });

  it("reports missing and extra output", async () => {
    expect(await compare("1 2", "1 2 3")).toMatchObject({ token: 3, expected: "3", actual: null });
    expect(await compare("1 2 3 4", "1 2 3")).toMatchObject({ token: 4, expected: null, actual: "4" });
    expect(await compare("", "YES")).toMatchObject({ token: 1, expected: "YES", actual: null });
  });

  it("compares numbers as text", async () => {
    expect(await compare("3.0", "3")).toMatchObject({ token: 1 });
    expect(await compare("yes", "YES")).toMatchObject({ token: 1 });
  });

  it("shortens long tokens in its report", async () => {
    const mismatch = await compare("a".repeat(500), "b");
    expect(mismatch!.actual).toBe(`${"a".repeat(80)}...`);
  });
});

describe("float", () => {
  const float = (absoluteTolerance?: number, relativeTolerance?: number): OutputComparison => ({ mode: "float", absoluteTolerance, relativeTolerance });

  it("accepts numbers within the absolute or the relative tolerance", async () => {
    expect(await compare("0.3333333", "0.333333333", { mode: "float" })).toBeNull();
    expect(await compare("1000000.5", "1000000", float(1e-6, 1e-6))).toBeNull();
    expect(await compare("1e-7 2.50", "0 2.5", { mode: "float" })).toBeNull();
  });

  it("rejects numbers outside both tolerances", async () => {
    expect(await compare("0.334", "0.333", { mode: "float" })).toMatchObject({ token: 1, expected: "0.333", actual: "0.334" });
    expect(await compare("1000002", "1000000", float(1e-6, 1e-6))).toMatchObject({ token: 1 });
    expect(await compare("0.5", "0.4", float(0.2, 0))).toBeNull();
  });

  it("compares words and non-finite values as text", async () => {
    expect(await compare("YES 1.0000001", "YES 1", { mode: "float" })).toBeNull();
    expect(await compare("NO 1", "YES 1", { mode: "float" })).toMatchObject({ token: 1 });
    expect(await compare("nan", "nan", { mode: "float" })).toBeNull();
    expect(await compare("inf", "1e308", { mode: "float" })).toMatchObject({ token: 1 });
  });
});

describe("exact", () => {
  it("accepts identical bytes only", async () => {
    expect(await compare("a b\n", "a b\n", { mode: "exact" })).toBeNull();
    expect(await compare("a  b\n", "a b\n", { mode: "exact" })).toMatchObject({ line: 1, expected: "a b\n", actual: "a  b\n" });
  });

  it("notices a missing or extra trailing newline", async () => {
    expect(await compare("1\n2", "1\n2\n", { mode: "exact" })).toMatchObject({ line: 2, expected: "2\n", actual: "2" });
    expect(await compare("1\n2\n\n", "1\n2\n", { mode: "exact" })).toMatchObject({ line: 3, expected: null, actual: "\n" });
    expect(await compare("1\n", "1\n2\n", { mode: "exact" })).toMatchObject({ line: 2, expected: "2\n", actual: null });
  });
});
