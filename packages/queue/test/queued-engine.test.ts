import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, type Problem } from "@cg/datasets";
import { LocalEngine, parseRunConfig, type GeneratedSampleResult, type RecheckProgress, type RunConfig, type RunStart } from "@cg/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemBook, strategyAnswer } from "../../runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback } from "../../runner/test/support/openai-loopback";
import { QueuedEngine, QueueUnavailableError, QueueWorker, listRuns } from "../src/index";
import { startRedis, type TestRedis } from "./support/redis-server";

let book: ProblemBook;
let server: OpenAiLoopback;
let redis: TestRedis;
let work: string;

beforeAll(async () => {
  const suite = await createDataset("humaneval").load();
  book = new ProblemBook(suite, suite.problems.slice(0, 6));
  // Odd problems get wrong code, so that the summary has both verdicts.
  server = await startOpenAiLoopback((request) => {
    const problem = book.problemIn(request.prompt);
    const code = book.problems.indexOf(problem) % 2 === 0 ? book.rightCode(problem) : book.wrongCode(problem);
    return { text: strategyAnswer(request.prompt, problem, code, code) };
  });
  redis = await startRedis();
  work = mkdtempSync(join(tmpdir(), "cg-queued-engine-"));
});

afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

function config(outDir: string): RunConfig {
  return parseRunConfig({
    dataset: "humaneval",
    strategy: "direct",
    model: { spec: "openai-compatible:loopback", baseUrl: server.baseUrl, cacheDir: false },
    limit: 6,
    n: 2,
    sampling: { seed: 7 },
    outDir,
  });
}

function timelessSummary(dir: string): Record<string, unknown> {
  return { ...(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Record<string, unknown>), wall_seconds: 0, scoring_seconds: 0 };
}

describe("QueuedEngine", () => {
  it("writes the results directory of a local run, and a rerun finds every sample done", async () => {
    const local = new LocalEngine({ sandbox: { workers: 1 } });
    await local.run(config(join(work, "local")));
    await local.close();
    const localRequests = server.requests.length;

    const worker = await QueueWorker.start({ url: redis.url, sandbox: { workers: 1 }, lockDurationMs: 2000 });
    const engine = new QueuedEngine({ url: redis.url });
    try {
      const queued = join(work, "queued");
      const summary = await engine.run(config(queued));
      expect(summary.samples).toBe(12);
      expect(timelessSummary(queued)).toEqual(timelessSummary(join(work, "local")));
      expect(server.requests.length).toBe(2 * localRequests);

      const starts: RunStart[] = [];
      await engine.run(config(queued), { onStart: (start) => starts.push(start) });
      expect(starts).toEqual([expect.objectContaining({ total: 12, resumed: 12 })]);
      expect(server.requests.length).toBe(2 * localRequests);
      expect(await listRuns(redis.url)).toEqual([expect.objectContaining({ outDir: queued, total: 12, done: 12, queued: 0, active: 0, failed: 0 })]);
    } finally {
      await engine.close();
      await worker.close();
    }
  });

  it("has a verdict near the time limit judged once more, as a job of its own, once the run is recorded", async () => {
    const [sleepy, quick] = book.problems;
    // Right code that then sleeps 2.6 s: within 20% of the 3 s limit, and inside it.
    const code = (problem: Problem) => (problem === sleepy ? `${book.rightCode(problem)}\nimport time\ntime.sleep(2.6)\n` : book.rightCode(problem));
    const nearLimit = await startOpenAiLoopback((request) => {
      const problem = book.problemIn(request.prompt);
      return { text: strategyAnswer(request.prompt, problem, code(problem), code(problem)) };
    });
    const worker = await QueueWorker.start({ url: redis.url, sandbox: { workers: 1 }, lockDurationMs: 2000 });
    const engine = new QueuedEngine({ url: redis.url });
    try {
      const out = join(work, "queued-recheck");
      const rechecks: RecheckProgress[] = [];
      const run = parseRunConfig({
        dataset: "humaneval",
        strategy: "direct",
        model: { spec: "openai-compatible:loopback", baseUrl: nearLimit.baseUrl, cacheDir: false },
        problems: [sleepy!.taskId, quick!.taskId],
        outDir: out,
      });
      const summary = await engine.run(run, { onRecheck: (p) => rechecks.push(p) });
      expect(summary).toMatchObject({ samples: 2, rechecked: 1, flaky: 0, "pass@1": 1 });
      expect(rechecks.at(-1)).toEqual({ total: 1, done: 1, changed: 0 });
      const lines = readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as GeneratedSampleResult);
      expect(lines.find((line) => line.task_id === sleepy!.taskId)!.recheck).toEqual({
        first: expect.objectContaining({ status: "passed" }),
        second: expect.objectContaining({ status: "passed" }),
      });
      expect(lines.find((line) => line.task_id === quick!.taskId)!.recheck).toBeUndefined();
      await engine.run(run, { onRecheck: (p) => rechecks.push(p) });
      expect(rechecks).toHaveLength(2);
    } finally {
      await engine.close();
      await worker.close();
      await nearLimit.close();
    }
  });

  it("names an unreachable Redis and what to do", async () => {
    const engine = new QueuedEngine({ url: "redis://127.0.0.1:1" });
    const error = await engine.run(config(join(work, "unreachable"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect((error as Error).message).toMatch(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.+\); start redis-server there/);
    await expect(QueueWorker.start({ url: "redis://127.0.0.1:1" })).rejects.toBeInstanceOf(QueueUnavailableError);
  });
});
