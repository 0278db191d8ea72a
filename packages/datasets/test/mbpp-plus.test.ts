import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MbppPlusDataset, type EvalPlusSuite } from "../src/evalplus";
import type { Problem } from "../src/types";

let pool: ExecutionPool;
const cacheDir = mkdtempSync(join(tmpdir(), "cg-mbpp-plus-"));
let suite: EvalPlusSuite;
let problems: readonly Problem[];
const byId = (taskId: string): Problem => problems.find((p) => p.taskId === taskId)!;
const solution = (code: string) => ({ kind: "solution" as const, code });

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  suite = await new MbppPlusDataset().load({ cacheDir });
  problems = suite.problems;
});
afterAll(async () => {
  await pool.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("MBPP+", () => {
  it("loads the 378 tasks; the public test is the assert the prompt shows", () => {
    expect(problems).toHaveLength(378);
    const first = problems[0]!;
    expect(first).toMatchObject({ taskId: "Mbpp/2", entryPoint: "similar_elements" });
    expect(first.prompt).toBe(
      '"""\nWrite a function to find the shared elements from the given two lists.\n' +
        'assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))\n"""\n',
    );
    expect(first.publicTests).toEqual([{ kind: "assert", code: "assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))" }]);
    expect(problems.every((p) => p.publicTests.length === 1)).toBe(true);
  });

  it("normalises the task ids other tools write", () => {
    expect(suite.normalizeTaskId(2)).toBe("Mbpp/2");
    expect(suite.normalizeTaskId("mbpp/2")).toBe("Mbpp/2");
    expect(suite.normalizeTaskId("Mbpp/2")).toBe("Mbpp/2");
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

  it("fails a solution that is right on the base inputs and wrong on a plus edge case, in plus only", async () => {
    // '' is a substring of 'aeiou': the empty string, which only plus has, is taken for a vowel.
    const verdict = await suite.score(byId("Mbpp/737"), solution("def check_str(s):\n    return s[:1].lower() in 'aeiou'\n"), pool);
    expect(verdict).toMatchObject({ passed: false, status: "failed", parts: { base: true, plus: false } });
    expect(verdict.errorMessage).toMatch(/^plus test \d+ of 107: check_str\(''\) returned True, expected False$/);
  });

  it("rebuilds tuples from the JSON inputs and compares set-valued answers as sets", async () => {
    const shared = solution(
      "def similar_elements(a, b):\n    assert isinstance(a, tuple) and isinstance(b, tuple)\n    return tuple(sorted(set(a) & set(b), reverse=True))\n",
    );
    expect(await suite.score(byId("Mbpp/2"), shared, pool)).toMatchObject({ passed: true, parts: { base: true, plus: true } });
  });

  it("compares only found-or-not for tasks whose reference returns a regex match", async () => {
    const asBool = solution("import re\ndef check_str(s):\n    return bool(re.match('^[aeiouAEIOU][A-Za-z0-9_]*', s))\n");
    expect(await suite.score(byId("Mbpp/737"), asBool, pool)).toMatchObject({ passed: true });
  });

  it("applies the task's atol to float answers", async () => {
    expect(byId("Mbpp/82").metadata).toEqual({ atol: 0.0001 });
    const close = solution("def volume_sphere(r):\n    return 4 / 3 * 3.14159265358979 * r ** 3\n");
    expect(await suite.score(byId("Mbpp/82"), close, pool)).toMatchObject({ passed: true });
    const rough = await suite.score(byId("Mbpp/82"), solution("def volume_sphere(r):\n    return 4 / 3 * 3.14159 * r ** 3\n"), pool);
    expect(rough).toMatchObject({ passed: false, status: "failed", parts: { base: false } });
    expect(rough.errorMessage).toBe("base test 1 of 3: volume_sphere(10) returned 4188.786666666666, expected 4188.790204786391");
  });

  it("runs the prompt's assert as the public test, with math available to it but not to the solution", async () => {
    const reports = await Promise.all(problems.map((p) => suite.runPublicTests(p, suite.canonical(p)!, pool)));
    expect(problems.filter((_, i) => !reports[i]!.passed).map((p) => p.taskId)).toEqual([]);
    // volume_sphere's public test calls math.isclose; a solution that uses math without importing it fails.
    const noImport = await suite.runPublicTests(byId("Mbpp/82"), solution("def volume_sphere(r):\n    return 4 / 3 * math.pi * r ** 3\n"), pool);
    expect(noImport.passed).toBe(false);
    expect(noImport.results[0]!.detail).toMatch(/NameError: name 'math' is not defined/);
  });
});
