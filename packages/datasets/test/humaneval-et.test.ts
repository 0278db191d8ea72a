import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanEvalDataset } from "../src/humaneval";
import { HumanEvalEtDataset } from "../src/humaneval-et";
import type { TestsProgramSuite } from "../src/tests-program-suite";
import type { Problem } from "../src/types";

let pool: ExecutionPool;
let suite: TestsProgramSuite;
let problems: readonly Problem[];
const byId = (taskId: string): Problem => problems.find((p) => p.taskId === taskId)!;

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  suite = await new HumanEvalEtDataset().load();
  problems = suite.problems;
});
afterAll(async () => {
  await pool.close();
});

describe("HumanEval-ET", () => {
  it("loads the 164 problems with their extended tests", () => {
    expect(problems).toHaveLength(164);
    expect(problems[0]).toMatchObject({ taskId: "HumanEval/0", entryPoint: "has_close_elements" });
    const counts = problems.map((p) => p.metadata.tests as number);
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeGreaterThan(90);
  });

  it("builds MapCoder's program: typing import, prompt, code, then every extended assert", () => {
    const problem = byId("HumanEval/0");
    const program = suite.program(problem, { kind: "solution", code: "def has_close_elements(a, b):\n    return True" });
    expect(program.source).toBe(`from typing import *\n${problem.prompt}def has_close_elements(a, b):\n    return True`);
    expect(program.tests.split("\n")).toContain("assert has_close_elements([4.88, 7.89, 3.67, 5.68, 4.88], 2.06) == True");
    const typed = suite.program(problem, { kind: "solution", code: "from typing import *\ndef has_close_elements(a, b): ..." });
    expect(typed.source.startsWith(problem.prompt)).toBe(true);
  });

  it("passes the canonical solutions except the six problems whose extended tests reject them", async () => {
    const verdicts = await Promise.all(problems.map((p) => suite.score(p, suite.canonical(p)!, pool)));
    // Some canonical solutions need several seconds for about a hundred tests (HumanEval/39's
    // prime_fib, /63's fibfib: 4-10 s on a busy 2-core machine) against the 5 s limit: as for
    // mbpp/123, those are rescored with a generous limit instead.
    for (const [i, problem] of problems.entries()) {
      if (verdicts[i]!.status === "timeout") {
        verdicts[i] = await suite.score(problem, suite.canonical(problem)!, pool, { timeoutSeconds: 60 });
      }
    }
    const failures = Object.fromEntries(
      problems.flatMap((p, i) => (verdicts[i]!.passed ? [] : [[p.taskId, `${verdicts[i]!.status} ${verdicts[i]!.errorType ?? ""}`.trim()]])),
    );
    // /2 compares floats exactly (truncate_number(3.452) == 0.452); the others contain an assert
    // copied from a loop in HumanEval's check() that names the loop's variables, undefined here.
    expect(failures).toEqual({
      "HumanEval/2": "failed AssertionError",
      "HumanEval/38": "runtime_error NameError",
      "HumanEval/44": "runtime_error NameError",
      "HumanEval/50": "runtime_error NameError",
      "HumanEval/53": "runtime_error NameError",
      "HumanEval/151": "runtime_error NameError",
    });
  }, 300_000);

  it("fails a solution that only the extended tests catch", async () => {
    // Answers looked up from HumanEval's own check(): enough for humaneval, not for the extended tests.
    const memorised = [
      "KNOWN = {",
      "    ((1.0, 2.0, 3.9, 4.0, 5.0, 2.2), 0.3): True, ((1.0, 2.0, 3.9, 4.0, 5.0, 2.2), 0.05): False,",
      "    ((1.0, 2.0, 5.9, 4.0, 5.0), 0.95): True, ((1.0, 2.0, 5.9, 4.0, 5.0), 0.8): False,",
      "    ((1.0, 2.0, 3.0, 4.0, 5.0, 2.0), 0.1): True, ((1.1, 2.2, 3.1, 4.1, 5.1), 1.0): True,",
      "    ((1.1, 2.2, 3.1, 4.1, 5.1), 0.5): False,",
      "}",
      "def has_close_elements(numbers, threshold):",
      "    return KNOWN.get((tuple(numbers), threshold), False)",
    ].join("\n");
    const candidate = { kind: "solution" as const, code: memorised };
    const humaneval = await new HumanEvalDataset().load();
    expect(await humaneval.score(humaneval.problems[0]!, candidate, pool)).toMatchObject({ passed: true });
    const verdict = await suite.score(byId("HumanEval/0"), candidate, pool);
    expect(verdict).toMatchObject({ passed: false, status: "failed", errorType: "AssertionError" });
  });

  it("takes public tests from the curated docstring examples", async () => {
    expect(byId("HumanEval/0").publicTests).toEqual([
      { kind: "assert", code: "assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False" },
      { kind: "assert", code: "assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True" },
    ]);
    const report = await suite.runPublicTests(byId("HumanEval/0"), suite.canonical(byId("HumanEval/0"))!, pool);
    expect(report.passed).toBe(true);
  });
});
