import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanEvalPlusDataset, type EvalPlusSuite } from "../src/evalplus";
import type { Problem } from "../src/types";

let pool: ExecutionPool;
// A fresh cache: expected outputs are computed once, by the first test that needs them.
const cacheDir = mkdtempSync(join(tmpdir(), "cg-humaneval-plus-"));
let suite: EvalPlusSuite;
let problems: readonly Problem[];
const byId = (taskId: string): Problem => problems.find((p) => p.taskId === taskId)!;

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  suite = await new HumanEvalPlusDataset().load({ cacheDir });
  problems = suite.problems;
});
afterAll(async () => {
  await pool.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("HumanEval+", () => {
  it("loads the 164 tasks with EvalPlus's prompts and HumanEval's examples as public tests", () => {
    expect(problems).toHaveLength(164);
    expect(problems[0]).toMatchObject({ taskId: "HumanEval/0", entryPoint: "has_close_elements" });
    expect(problems[0]!.publicTests).toEqual([
      { kind: "assert", code: "assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False" },
      { kind: "assert", code: "assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True" },
    ]);
    expect(byId("HumanEval/32").metadata).toEqual({ atol: 0.0001 });
  });

  it("scores every canonical solution as passing base and plus", async () => {
    const verdicts = await Promise.all(problems.map((p) => suite.score(p, suite.canonical(p)!, pool)));
    // The slowest references need a large share of a part's 62 s cap; on a machine loaded by
    // other work a run can exceed it. Those are scored once more, alone.
    for (const [i, problem] of problems.entries()) {
      if (verdicts[i]!.status === "timeout") verdicts[i] = await suite.score(problem, suite.canonical(problem)!, pool);
    }
    const failures = problems.flatMap((p, i) => {
      const v = verdicts[i]!;
      return v.passed && v.parts?.base && v.parts.plus ? [] : [`${p.taskId}: ${v.status} ${v.errorMessage ?? ""}`];
    });
    expect(failures).toEqual([]);
  }, 600_000);

  it("keeps expected outputs in the cache under the data file's sha256 and reads them back without running anything", async () => {
    const directory = suite.expectedOutputsDirectory;
    expect(directory).toBe(join(cacheDir, "humanevalplus", "expected-outputs", "272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101"));
    expect(readdirSync(directory).filter((f) => f.endsWith(".json"))).toHaveLength(164);
    const again = await new HumanEvalPlusDataset().load({ cacheDir });
    const [first] = again.problems;
    // A closed pool refuses every program: the outputs can only come from the cache.
    const closed = await ExecutionPool.create({ workers: 1 });
    await closed.close();
    const fromCache = await again.expectations(first!, closed);
    expect(fromCache).toEqual(await suite.expectations(problems[0]!, pool));
    expect(fromCache.base.seconds).toHaveLength(7);
  });

  it("fails a solution that is right on the base inputs and wrong on a plus edge case, in plus only", async () => {
    // Starting the maximum at 0 is wrong for lists of negative numbers, which only plus has.
    const candidate = { kind: "solution" as const, code: "def max_element(l):\n    m = 0\n    for x in l:\n        if x > m:\n            m = x\n    return m\n" };
    const verdict = await suite.score(byId("HumanEval/35"), candidate, pool);
    expect(verdict).toMatchObject({ passed: false, status: "failed", errorType: "AssertionError", parts: { base: true, plus: false } });
    expect(verdict.errorMessage).toBe("plus test 2 of 938: max_element([-1, -2, -3, -4, -5]) returned 0, expected -1");
    expect(await suite.runPart(byId("HumanEval/35"), candidate, "base", pool)).toMatchObject({ passed: true });
  });

  it("fails base and plus together when base fails, without running plus", async () => {
    const verdict = await suite.score(byId("HumanEval/0"), { kind: "completion", code: "    return False\n" }, pool);
    expect(verdict).toMatchObject({ passed: false, status: "failed", parts: { base: false, plus: false } });
    expect(verdict.errorMessage).toMatch(/^base test 1 of 7: has_close_elements\(\[1\.0, 2\.0, 3\.9, 4\.0, 5\.0, 2\.2\], 0\.3\) returned False, expected True$/);
  });

  it("gives each test EvalPlus's time limit: a solution too slow for the plus inputs times out there", async () => {
    const fib = { kind: "solution" as const, code: "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n" };
    const verdict = await suite.score(byId("HumanEval/55"), fib, pool);
    expect(verdict).toMatchObject({ passed: false, status: "timeout", parts: { base: true, plus: false } });
    expect(verdict.errorMessage).toMatch(/^plus test \d+ of 45: fib\(\d+\) took longer than 1\.00 s$/);
    // The part's process limit is far above the test's: the per-test limit stopped it.
    expect(verdict.wallMs).toBeLessThan(20_000);
  });

  it("applies EvalPlus's float tolerance: 1e-6 for float answers when the task sets none", async () => {
    const area = (offset: string) => ({ kind: "solution" as const, code: `def triangle_area(a, h):\n    return a * h / 2.0 + ${offset}\n` });
    expect(byId("HumanEval/45").metadata).toEqual({ atol: 0 });
    expect(await suite.score(byId("HumanEval/45"), area("1e-9"), pool)).toMatchObject({ passed: true, parts: { base: true, plus: true } });
    const off = await suite.score(byId("HumanEval/45"), area("1e-3"), pool);
    expect(off).toMatchObject({ passed: false, status: "failed", parts: { base: false } });
    expect(off.errorMessage).toMatch(/returned 7\.501, expected 7\.5$/);
  });

  it("accepts any root for find_zero, checked against the polynomial within the task's atol", async () => {
    // Bisection finds other roots than the reference's Newton iteration on several base inputs
    // (0.376 for -0.669, for one). On some plus polynomials with huge coefficients it cannot
    // get within 1e-4 in floating point, so base alone is checked.
    const bisection = [
      "import math",
      "def poly(xs, x):",
      "    return sum(coeff * math.pow(x, i) for i, coeff in enumerate(xs))",
      "def find_zero(xs):",
      "    lo, hi = -1.0, 1.0",
      "    while poly(xs, lo) * poly(xs, hi) > 0:",
      "        lo, hi = lo * 2, hi * 2",
      "    for _ in range(200):",
      "        mid = (lo + hi) / 2",
      "        if poly(xs, lo) * poly(xs, mid) <= 0:",
      "            hi = mid",
      "        else:",
      "            lo = mid",
      "    return lo",
    ].join("\n");
    expect(await suite.runPart(byId("HumanEval/32"), { kind: "solution", code: bisection }, "base", pool)).toMatchObject({ passed: true });
    const notARoot = await suite.runPart(byId("HumanEval/32"), { kind: "solution", code: bisection.replace("return lo", "return lo + 0.5") }, "base", pool);
    expect(notARoot.errorMessage).toMatch(/not a root within 0\.0001$/);
  });

  it("reports a solution's own errors and syntax errors", async () => {
    const crash = await suite.score(byId("HumanEval/0"), { kind: "completion", code: "    return numbers[99]\n" }, pool);
    expect(crash).toMatchObject({ passed: false, status: "runtime_error", errorType: "IndexError", parts: { base: false, plus: false } });
    const syntax = await suite.score(byId("HumanEval/0"), { kind: "completion", code: "    return (\n" }, pool);
    expect(syntax).toMatchObject({ passed: false, status: "syntax_error" });
    const missing = await suite.score(byId("HumanEval/0"), { kind: "solution", code: "def other():\n    pass\n" }, pool);
    expect(missing).toMatchObject({ passed: false, status: "runtime_error", errorType: "NameError" });
    expect(missing.errorMessage).toBe("the solution does not define has_close_elements");
  });

  it("runs public tests on the examples only, and the canonical solutions pass them", async () => {
    const reports = await Promise.all(problems.map((p) => suite.runPublicTests(p, suite.canonical(p)!, pool)));
    expect(problems.filter((_, i) => !reports[i]!.passed).map((p) => p.taskId)).toEqual([]);
    const wrong = await suite.runPublicTests(byId("HumanEval/0"), { kind: "completion", code: "    return True\n" }, pool);
    expect(wrong.log).toContain("expected False, got True");
  });
});
