import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XCodeEvalDataset } from "../src/xcodeeval";

let pool: ExecutionPool;
// A mirror joining the staged problem statements with the unit-test fixture.
const mirror = mkdtempSync(join(tmpdir(), "cg-xcodeeval-"));
beforeAll(async () => {
  symlinkSync(join(process.env.CG_DATA_DIR!, "codesim-data"), join(mirror, "codesim-data"));
  symlinkSync(fileURLToPath(new URL("./fixtures/xcodeeval", import.meta.url)), join(mirror, "xcodeeval"));
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
  rmSync(mirror, { recursive: true, force: true });
});

const MEET = "7bffa6e8d2d21bbb3b7f4aec109b3319";
const EVEN_ODD = "5e74750f44142624e6da41d4b35beb9a";

describe("xCodeEval program synthesis", () => {
  it("loads the problems that have unit tests, with statement, samples, tags and rating", async () => {
    const { problems } = await new XCodeEvalDataset().load({ dataDir: mirror });
    expect(problems.map((p) => p.taskId).sort()).toEqual([EVEN_ODD, MEET]);
    const meet = problems.find((p) => p.taskId === MEET)!;
    expect(meet.metadata).toEqual({ tags: "math,implementation,sortings", difficulty: 800 });
    expect(meet.publicTests).toEqual([
      { kind: "io", input: "7 1 4", output: "6" },
      { kind: "io", input: "30 20 10", output: "20" },
    ]);
    expect(meet.prompt).toContain("Input\nThe first line of the input contains three distinct integers");
    expect(meet.prompt).toContain("Time limit: 1 second. Memory limit: 256 megabytes.");
  });

  it("judges Python and C++ solutions on the hidden unit tests", async () => {
    const suite = await new XCodeEvalDataset().load({ dataDir: mirror });
    const { problems } = suite;
    const meet = problems.find((p) => p.taskId === MEET)!;
    const evenOdd = problems.find((p) => p.taskId === EVEN_ODD)!;
    const spread = "xs = list(map(int, input().split()))\nprint(max(xs) - min(xs))\n";
    expect(await suite.score(meet, { kind: "solution", code: spread }, pool)).toMatchObject({ passed: true });
    const cpp = "#include <cstdio>\nint main(){long long n;scanf(\"%lld\",&n);puts(n%2?\"Ehab\":\"Mahmoud\");}\n";
    expect(await suite.score(evenOdd, { kind: "solution", code: cpp, language: "cpp" }, pool)).toMatchObject({ passed: true });
  });

  it("fails a solution that only fits the samples on the first hidden test that differs", async () => {
    const suite = await new XCodeEvalDataset().load({ dataDir: mirror });
    const { problems } = suite;
    const meet = problems.find((p) => p.taskId === MEET)!;
    const samplesOnly = "xs = list(map(int, input().split()))\nprint(abs(xs[0] - xs[2]) + abs(xs[1] - xs[2]) if xs[0] == 7 else 20)\n";
    expect((await suite.runPublicTests(meet, { kind: "solution", code: samplesOnly }, pool)).passed).toBe(true);
    expect(await suite.score(meet, { kind: "solution", code: samplesOnly }, pool)).toMatchObject({ passed: false, status: "wrong_answer", failedTest: 2 });
  });
});
