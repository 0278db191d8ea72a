import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeContestsDataset } from "../src";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe("CodeContests", () => {
  it("loads problems with their limits, tags and public tests", async () => {
    const [sum] = await new CodeContestsDataset().load({ dataDir: fixtures });
    expect(sum!.taskId).toBe("1000_A. Sum");
    expect(sum!.metadata).toMatchObject({ cf_rating: 800, cf_tags: "implementation,math", time_limit_seconds: 2, memory_limit_bytes: 268435456 });
    expect(sum!.publicTests).toEqual([{ kind: "io", input: "1 2\n", output: "3\n" }]);
  });

  it("passes the published solutions, in Python and C++", async () => {
    const python = new CodeContestsDataset();
    for (const problem of await python.load({ dataDir: fixtures })) {
      expect(await python.score(problem, python.canonicalCandidate(problem)!, pool), problem.taskId).toMatchObject({ passed: true });
    }
    const cpp = new CodeContestsDataset("test", "cpp");
    const [sum] = await cpp.load({ dataDir: fixtures });
    expect(cpp.canonicalCandidate(sum!)!.language).toBe("cpp");
    expect(await cpp.score(sum!, cpp.canonicalCandidate(sum!)!, pool)).toMatchObject({ passed: true });
  });

  it("fails a published incorrect solution on the generated test and a slow one at the time limit", async () => {
    const dataset = new CodeContestsDataset();
    const [sum, pairs] = await dataset.load({ dataDir: fixtures });
    const absolute = { kind: "solution" as const, code: "a, b = map(int, input().split())\nprint(abs(a + b))\n" };
    expect(await dataset.score(sum!, absolute, pool)).toMatchObject({ passed: false, status: "wrong_answer", failedTest: 2 });
    expect((await dataset.runPublicTests(sum!, absolute, pool)).passed).toBe(true);
    const counting = { kind: "solution" as const, code: "n = int(input())\nprint(sum(range(n)))\n" };
    expect(await dataset.score(pairs!, counting, pool)).toMatchObject({ passed: false, status: "timeout", failedTest: 1 });
  });
});
