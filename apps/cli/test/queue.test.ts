import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, type Problem } from "@cg/datasets";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "../../../packages/queue/test/support/redis-server";
import { ProblemBook, strategyAnswer } from "../../../packages/runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback, type SeenRequest } from "../../../packages/runner/test/support/openai-loopback";
import { runCli, startCli, type CliRun, type StartedCli } from "./run-cli";

const SEED = 100;
let humaneval: ProblemBook;
let work: string;
let redis: TestRedis;
const servers: OpenAiLoopback[] = [];
let workers: StartedCli[] = [];

beforeAll(async () => {
  const dataset = createDataset("humaneval");
  humaneval = new ProblemBook(dataset, (await dataset.load()).slice(0, 20));
  work = mkdtempSync(join(tmpdir(), "cg-queue-"));
  redis = await startRedis();
});

afterEach(async () => {
  await stopWorkers();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await redis?.stop();
});

async function modelServer(right: (problem: Problem, sampleIndex: number) => boolean, delayMs: number): Promise<OpenAiLoopback> {
  const server = await startOpenAiLoopback((request) => {
    const problem = humaneval.problemIn(request.prompt);
    const first = right(problem, sampleOf(request)) ? humaneval.rightCode(problem) : humaneval.wrongCode(problem);
    return { text: strategyAnswer(request.prompt, problem, first, humaneval.rightCode(problem)), delayMs };
  });
  servers.push(server);
  return server;
}

function sampleOf(request: SeenRequest): number {
  return ((request.seed ?? SEED) - SEED) % 1_000_000;
}

function runArgs(server: OpenAiLoopback, ...extra: string[]): string[] {
  return ["run", "--model", "openai-compatible:loopback", "--base-url", server.baseUrl, "--dataset", "humaneval", "--seed", String(SEED), ...extra];
}

/** Worker processes with one sandbox each and a short lock, so that a killed worker's jobs are taken over quickly. */
async function startWorkers(count: number, env: NodeJS.ProcessEnv): Promise<void> {
  const started = Array.from({ length: count }, () =>
    startCli(["worker", "--queue", redis.url, "--workers", "1", "--concurrency", "4", "--lock-duration", "2000"], env),
  );
  workers.push(...started);
  await Promise.all(started.map((worker) => waitFor(() => worker.stderrSoFar().includes("cg worker: ready"), worker.done)));
}

async function stopWorkers(): Promise<void> {
  for (const worker of workers) worker.child.kill("SIGTERM");
  await Promise.all(workers.map((worker) => worker.done));
  workers = [];
}

/** Polls `condition`; fails early when `exited` settles first (the process died). */
async function waitFor(condition: () => boolean, exited?: Promise<CliRun>): Promise<void> {
  let exit: CliRun | undefined;
  void exited?.then((run) => (exit = run));
  while (!condition()) {
    if (exit) throw new Error(`process exited (${exit.code}) while waited for: ${exit.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function resultLines(dir: string): Array<Record<string, unknown>> {
  const path = join(dir, "results.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function timelessSummary(dir: string): Record<string, unknown> {
  const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Record<string, unknown>;
  return { ...summary, wall_seconds: 0, scoring_seconds: 0 };
}

describe("cg run --queue", () => {
  it("gives the summary of the same local run over three workers, one of them killed and Redis restarted mid-run", async () => {
    const right = (problem: Problem, sample: number) => (humaneval.problems.indexOf(problem) + sample) % 3 !== 0;
    const server = await modelServer(right, 40);
    const args = ["--limit", "20", "--n", "2", "--k", "1,2", "--concurrency", "4"];
    const local = join(work, "local");
    const localRun = await runCli(runArgs(server, ...args, "--workers", "2", "--out", local), { CG_CACHE_DIR: join(work, "local-cache") });
    expect(localRun.code).toBe(0);
    const samples = 20 * 2;
    expect(server.requests).toHaveLength(samples);

    const queued = join(work, "queued");
    await startWorkers(3, { CG_CACHE_DIR: join(work, "worker-cache") });
    const run = startCli(runArgs(server, ...args, "--queue", redis.url, "--out", queued));
    await waitFor(() => resultLines(queued).length >= 8, run.done);
    workers[0]!.child.kill("SIGKILL");
    await waitFor(() => resultLines(queued).length >= 20, run.done);
    await redis.restart();
    const finished = await run.done;
    expect(finished.stderr).not.toMatch(/unexpected error/);
    expect(finished.code).toBe(0);

    const results = resultLines(queued);
    expect(results).toHaveLength(samples);
    expect(new Set(results.map((r) => `${r.task_id}#${r.sample_index}`)).size).toBe(samples);
    expect(timelessSummary(queued)).toEqual(timelessSummary(local));
    expect(readFileSync(join(queued, "samples.jsonl"), "utf8")).toBe(readFileSync(join(local, "samples.jsonl"), "utf8"));
    const traceCalls = readFileSync(join(queued, "trace.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.includes('"type":"model_call"'));
    expect(traceCalls).toHaveLength(samples);

    const status = await runCli(["status", "--queue", redis.url, "--json"]);
    expect(status.code).toBe(0);
    const listed = status.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(listed.find((entry) => entry.outDir === queued)).toMatchObject({ total: samples, done: samples, queued: 0, active: 0, failed: 0 });
  });

  it("holds a request limit across three workers: the model server never sees more than R a minute", async () => {
    const server = await modelServer(() => true, 0);
    const limit = 4;
    await startWorkers(3, { CG_CACHE_DIR: join(work, "limit-cache") });
    const out = join(work, "limited");
    const run = startCli(runArgs(server, "--limit", "12", "--requests-per-minute", String(limit), "--queue", redis.url, "--out", out));
    await waitFor(() => resultLines(out).length >= limit, run.done);
    // Twelve samples would take well under this long without the limit.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(server.requests).toHaveLength(limit);

    const status = await runCli(["status", "--queue", redis.url]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`humaneval\\s+direct\\s+openai-compatible:loopback\\s+(\\d+)\\s+(\\d+)\\s+${limit}/12\\s+0\\s+running`));
    run.child.kill("SIGKILL");
    await run.done;
  });

  it("names an unreachable Redis and what to do, with exit 2", async () => {
    for (const args of [["status", "--queue", "redis://127.0.0.1:1"], ["worker", "--queue", "redis://127.0.0.1:1"]]) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*start redis-server there, or pass the address of a running one with --queue/);
    }
  });
});
