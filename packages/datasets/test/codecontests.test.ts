import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeContestsDataset } from "../src/codecontests";

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
    const [sum] = (await new CodeContestsDataset().load({ dataDir: fixtures })).problems;
    expect(sum!.taskId).toBe("1000_A. Sum");
    expect(sum!.metadata).toMatchObject({ cf_rating: 800, cf_tags: "implementation,math", time_limit_seconds: 2, memory_limit_bytes: 268435456 });
    expect(sum!.publicTests).toEqual([{ kind: "io", input: "1 2\n", output: "3\n" }]);
  });

  it("passes the published solutions, in Python and C++", async () => {
    const python = await new CodeContestsDataset().load({ dataDir: fixtures });
    for (const problem of python.problems) {
      expect(await python.score(problem, python.canonical(problem)!, pool), problem.taskId).toMatchObject({ passed: true });
    }
    const cpp = await new CodeContestsDataset("test", "cpp").load({ dataDir: fixtures });
    const [sum] = cpp.problems;
    expect(cpp.canonical(sum!)!.language).toBe("cpp");
    expect(await cpp.score(sum!, cpp.canonical(sum!)!, pool)).toMatchObject({ passed: true });
  });

  it("fails a published incorrect solution on the generated test and a slow one at the time limit", async () => {
    const suite = await new CodeContestsDataset().load({ dataDir: fixtures });
    const [sum, pairs] = suite.problems;
    const absolute = { kind: "solution" as const, code: "a, b = map(int, input().split())\nprint(abs(a + b))\n" };
    expect(await suite.score(sum!, absolute, pool)).toMatchObject({ passed: false, status: "wrong_answer", failedTest: 2 });
    expect((await suite.runPublicTests(sum!, absolute, pool)).passed).toBe(true);
    const counting = { kind: "solution" as const, code: "n = int(input())\nprint(sum(range(n)))\n" };
    expect(await suite.score(pairs!, counting, pool)).toMatchObject({ passed: false, status: "timeout", failedTest: 1 });
  });
});
