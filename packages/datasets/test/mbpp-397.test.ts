import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Mbpp397Dataset } from "../src/mbpp-397";
import { MbppDataset } from "../src/mbpp";
import type { TestsProgramSuite } from "../src/tests-program-suite";
import type { Problem } from "../src/types";

let pool: ExecutionPool;
let suite: TestsProgramSuite;
let problems: readonly Problem[];
const byId = (taskId: string): Problem => problems.find((p) => p.taskId === taskId)!;
const solution = (code: string) => ({ kind: "solution" as const, code });

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  suite = await new Mbpp397Dataset().load();
  problems = suite.problems;
});
afterAll(async () => {
  await pool.close();
});

// Handwritten, since the release has no reference solutions: right and wrong answers to three problems.
const handwritten = {
  mbpp_762_check_monthnumber_number: {
    right: "def check_monthnumber_number(monthnum3):\n    return monthnum3 in (4, 6, 9, 11)\n",
    wrong: "def check_monthnumber_number(monthnum3):\n    return monthnum3 % 2 == 0\n",
  },
  mbpp_245_max_sum: {
    right: [
      "def max_sum(arr):",
      "    n = len(arr)",
      "    inc = arr[:]",
      "    for i in range(n):",
      "        for j in range(i):",
      "            if arr[j] < arr[i]:",
      "                inc[i] = max(inc[i], inc[j] + arr[i])",
      "    dec = arr[:]",
      "    for i in range(n - 1, -1, -1):",
      "        for j in range(n - 1, i, -1):",
      "            if arr[j] < arr[i]:",
      "                dec[i] = max(dec[i], dec[j] + arr[i])",
      "    return max(inc[i] + dec[i] - arr[i] for i in range(n))",
    ].join("\n"),
    // The largest increasing sum only: not bitonic.
    wrong: [
      "def max_sum(arr):",
      "    inc = arr[:]",
      "    for i in range(len(arr)):",
      "        for j in range(i):",
      "            if arr[j] < arr[i]:",
      "                inc[i] = max(inc[i], inc[j] + arr[i])",
      "    return max(inc)",
    ].join("\n"),
  },
  mbpp_17_square_perimeter: {
    right: "def square_perimeter(a: int) -> int:\n    return 4 * a\n",
    wrong: "def square_perimeter(a: int) -> int:\n    return a * a\n",
  },
};

describe("MBPP (397-problem set of MapCoder and CodeSIM)", () => {
  it("loads the 397 problems with MultiPL-E's prompts and sample_io as public tests", () => {
    expect(problems).toHaveLength(397);
    const problem = byId("mbpp_762_check_monthnumber_number");
    expect(problem.prompt).toMatch(/^def check_monthnumber_number\(monthnum3: int\) -> bool:\n {4}"""\n\tWrite a function to check whether/);
    expect(problem.publicTests).toEqual([{ kind: "assert", code: "assert check_monthnumber_number(6) == True" }]);
    expect(problems.every((p) => p.publicTests.length === 1)).toBe(true);
    expect(problems.every((p) => suite.canonical(p) === undefined)).toBe(true);
  });

  it("accepts MBPP task numbers for the records' names", () => {
    expect(suite.normalizeTaskId(762)).toBe("mbpp_762_check_monthnumber_number");
    expect(suite.normalizeTaskId("Mbpp/762")).toBe("mbpp_762_check_monthnumber_number");
    expect(suite.normalizeTaskId("mbpp_762_check_monthnumber_number")).toBe("mbpp_762_check_monthnumber_number");
  });

  it("builds MapCoder's program: typing import, code, the record's test, then check(entry_point)", () => {
    const program = suite.program(byId("mbpp_762_check_monthnumber_number"), solution("def check_monthnumber_number(m):\n    return m == 6"));
    expect(program.source).toBe("from typing import *\ndef check_monthnumber_number(m):\n    return m == 6");
    expect(program.tests.startsWith("def check(candidate):\n")).toBe(true);
    expect(program.tests.endsWith("\ntest_check()\n\ncheck(check_monthnumber_number)")).toBe(true);
  });

  it("passes handwritten right answers and fails wrong ones on the hidden tests", async () => {
    for (const [taskId, { right, wrong }] of Object.entries(handwritten)) {
      expect(await suite.score(byId(taskId), solution(right), pool), taskId).toMatchObject({ passed: true });
      expect(await suite.score(byId(taskId), solution(wrong), pool), taskId).toMatchObject({
        passed: false,
        status: "failed",
        errorType: "AssertionError",
      });
    }
  });

  it("scores the original MBPP reference solutions like the reference harness: 319 pass", async () => {
    const mbpp = await new MbppDataset({ split: "all" }).load();
    const references = new Map(mbpp.problems.map((p) => [Number(p.taskId.slice("mbpp/".length)), mbpp.canonical(p)]));
    const verdicts = await Promise.all(
      problems.map((p) => suite.score(p, references.get(p.metadata.mbppTaskId as number)!, pool, { timeoutSeconds: 20 })),
    );
    // These tests were translated from the revised (sanitized) MBPP, whose signatures and expected
    // values differ for 78 problems from the original file's solutions. Each failure is the code's
    // own: an assertion, a wrong call or a missing name, never a harness fault.
    expect(verdicts.filter((v) => v.passed)).toHaveLength(319);
    const kinds = new Set(verdicts.filter((v) => !v.passed).map((v) => v.errorType));
    expect([...kinds].sort()).toEqual(["AssertionError", "IndexError", "NameError", "TypeError"]);
  }, 180_000);

  it("runs the sample_io assert as the public test", async () => {
    const problem = byId("mbpp_762_check_monthnumber_number");
    const right = await suite.runPublicTests(problem, solution(handwritten.mbpp_762_check_monthnumber_number.right), pool);
    expect(right.passed).toBe(true);
    const wrong = await suite.runPublicTests(problem, solution("def check_monthnumber_number(m):\n    return False\n"), pool);
    expect(wrong.passed).toBe(false);
    expect(wrong.log).toContain("expected True, got False");
  });
});
