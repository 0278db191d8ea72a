import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MultiplEDataset } from "../src/multipl-e";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe("MultiPL-E", () => {
  it("loads translated problems in their language", async () => {
    const { problems } = await new MultiplEDataset("humaneval", "js").load({ dataDir: fixtures });
    expect(problems.map((p) => [p.taskId, p.language])).toEqual([
      ["HumanEval_0_has_close_elements", "javascript"],
      ["HumanEval_23_strlen", "javascript"],
    ]);
    expect(problems[0]!.prompt).toMatch(/function has_close_elements\(numbers, threshold\)\{\n$/);
  });

  it("passes correct completions in JavaScript, C++ and Java and fails a wrong one on its assertion", async () => {
    const js = await new MultiplEDataset("humaneval", "js").load({ dataDir: fixtures });
    const [close, strlen] = js.problems;
    const closeBody = "  for (let i = 0; i < numbers.length; i++)\n    for (let j = i + 1; j < numbers.length; j++)\n      if (Math.abs(numbers[i] - numbers[j]) < threshold) return true;\n  return false;\n}\n";
    expect(await js.score(close!, { kind: "completion", code: closeBody }, pool)).toMatchObject({ passed: true });
    const wrong = await js.score(strlen!, { kind: "completion", code: "  return string.length + 1;\n}\n" }, pool);
    expect(wrong).toMatchObject({ passed: false, status: "runtime_error" });
    expect(wrong.stderr).toContain("AssertionError");

    const cpp = await new MultiplEDataset("humaneval", "cpp").load({ dataDir: fixtures });
    const [cppStrlen] = cpp.problems;
    expect(await cpp.score(cppStrlen!, { kind: "completion", code: "    return string.size();\n" }, pool)).toMatchObject({ passed: true });
    expect(await cpp.score(cppStrlen!, { kind: "completion", code: "    return 0;\n" }, pool)).toMatchObject({ passed: false, status: "runtime_error" });

    const java = await new MultiplEDataset("humaneval", "java").load({ dataDir: fixtures });
    const [javaStrlen] = java.problems;
    expect(await java.score(javaStrlen!, { kind: "completion", code: "        return string.length();\n" }, pool)).toMatchObject({ passed: true });
    expect(await java.score(javaStrlen!, { kind: "completion", code: "        return string.length() + 1;\n" }, pool)).toMatchObject({ passed: false, status: "runtime_error" });
  });

  it("rejects a language it cannot run", () => {
    expect(() => new MultiplEDataset("humaneval", "lua")).toThrow(/MultiPL-E language "lua" has no executor language here; known: py, js/);
  });
});
