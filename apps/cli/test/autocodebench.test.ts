import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const FIXTURES = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../packages/datasets/test/fixtures");

interface AcbRecord {
  language: string;
  canonical_solution: string;
}

function fixtureRecords(): AcbRecord[] {
  return readFileSync(join(FIXTURES, "autocodebench", "autocodebench.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as AcbRecord);
}

describe("cg eval --dataset autocodebench", () => {
  it("scores each language's samples by the benchmark's sandbox rules and reports by language and difficulty", async () => {
    const records = fixtureRecords();
    const canonical = (language: string, index: number) => records.filter((r) => r.language === language)[index]!.canonical_solution;
    const work = mkdtempSync(join(tmpdir(), "cg-acb-"));
    const samples = [
      { task_id: "python/0", solution: canonical("python", 0) },
      { task_id: "python/1", solution: canonical("python", 1) },
      { task_id: "javascript/0", solution: canonical("javascript", 0) },
      // An answer that parses but computes nothing fails the tests, in either language.
      { task_id: "javascript/1", solution: "function unused() {}\n" },
      { task_id: "shell/0", solution: canonical("shell", 0) },
      { task_id: "perl/0", solution: "sub nothing { return; }\n1;\n" },
    ];
    const samplesPath = join(work, "samples.jsonl");
    writeFileSync(samplesPath, samples.map((s) => JSON.stringify(s)).join("\n") + "\n");
    const out = join(work, "out");

    const run = await runCli(["eval", "--dataset", "autocodebench", "--data-dir", FIXTURES, "--samples", samplesPath, "--out", out, "--workers", "2"]);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(0);

    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Record<string, unknown>;
    expect(summary).toMatchObject({ dataset: "autocodebench", problems: 6, samples: 6, "pass@1": 4 / 6 });
    const results = readFileSync(join(out, "results.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { task_id: string; passed: boolean; error_type?: string });
    const failed = Object.fromEntries(results.filter((r) => !r.passed).map((r) => [r.task_id, r.error_type]));
    expect(Object.keys(failed).sort()).toEqual(["javascript/1", "perl/0"]);
    expect(failed["perl/0"]).toBe("RUNTIME_ERROR");

    // The report carries each problem's language and difficulty, which its plots break pass@1 down by.
    const report = readFileSync(join(out, "report.html"), "utf8");
    expect(report).toContain('"language":"javascript"');
    expect(report).toMatch(/"difficulty":"(easy|medium)"/);
  });
});
