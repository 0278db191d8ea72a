import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MbppDataset, mbppTaskId } from "../src/mbpp";

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe("MBPP", () => {
  it("selects the paper's splits", async () => {
    const test = await new MbppDataset({ split: "test" }).load();
    expect(test.problems).toHaveLength(500);
    expect(test.problems[0]!.taskId).toBe("mbpp/11");
    const all = await new MbppDataset({ split: "all" }).load();
    expect(all.problems).toHaveLength(974);
  });

  it("scores every canonical solution of all 974 problems as passed", async () => {
    const suite = await new MbppDataset({ split: "all" }).load();
    const { problems } = suite;
    const verdicts = await Promise.all(problems.map((p) => suite.score(p, suite.canonical(p)!, pool)));
    const failures = problems.flatMap((p, i) => (verdicts[i]!.passed || verdicts[i]!.status === "timeout" ? [] : [`${p.taskId}: ${verdicts[i]!.status} ${verdicts[i]!.errorType ?? ""}`]));
    expect(failures).toEqual([]);
    // mbpp/123's canonical solution needs about 2.4 s of the 3 s limit (docs/datasets.md): under
    // load it may time out, so slow ones are rescored with a generous limit instead.
    const slow = problems.filter((_, i) => verdicts[i]!.status === "timeout");
    const rescored = await Promise.all(slow.map((p) => suite.score(p, suite.canonical(p)!, pool, { timeoutSeconds: 20 })));
    expect(rescored.filter((v) => !v.passed)).toEqual([]);
  }, 120_000);

  it("builds the paper's prompt and exposes only the first test", async () => {
    const [problem] = (await new MbppDataset().load()).problems;
    expect(problem!.prompt).toMatch(/^You are an expert Python programmer, and here is your task: Write a python function to remove first and last occurrence/);
    expect(problem!.prompt).toContain("Your code should pass these tests:\n\nassert remove_Occ(\"hello\",\"l\") == \"heo\"");
    expect(problem!.publicTests).toEqual([{ kind: "assert", code: 'assert remove_Occ("hello","l") == "heo"' }]);
    expect(problem!.entryPoint).toBe("remove_Occ");
  });

  it("fails a wrong solution", async () => {
    const suite = await new MbppDataset().load();
    const [problem] = suite.problems;
    const verdict = await suite.score(problem!, { kind: "solution", code: "def remove_Occ(s, ch):\n    return s" }, pool);
    expect(verdict).toMatchObject({ passed: false, status: "failed", errorType: "AssertionError" });
  });

  it("normalises the task ids other tools write", async () => {
    const suite = await new MbppDataset().load();
    expect(suite.normalizeTaskId(11)).toBe("mbpp/11");
    expect(mbppTaskId(11)).toBe("mbpp/11");
    expect(mbppTaskId("Mbpp/11")).toBe("mbpp/11");
    expect(mbppTaskId("11")).toBe("mbpp/11");
  });
});
