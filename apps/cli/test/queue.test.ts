import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, type Problem } from "@cg/datasets";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ActiveJobs } from "../../../packages/queue/test/support/active-jobs";
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
  const suite = await createDataset("humaneval").load();
  humaneval = new ProblemBook(suite, suite.problems.slice(0, 20));
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

interface ModelServer extends OpenAiLoopback {
  /** Each request answered so far: when it arrived (performance.now()) and its tokens, as the response reports them. */
  served: Array<{ at: number; tokens: number }>;
}

/** A model answering every strategy's prompts, with `code(problem, sample)` as its solutions. */
async function modelServer(code: (problem: Problem, sampleIndex: number) => string, delayMs = 0): Promise<ModelServer> {
  const served: ModelServer["served"] = [];
  const server = await startOpenAiLoopback((request) => {
    const problem = humaneval.problemIn(request.prompt);
    const text = strategyAnswer(request.prompt, problem, code(problem, sampleOf(request)), humaneval.rightCode(problem));
    // What the loopback reports: a quarter of the prompt's and of the answer's characters.
    served.push({ at: performance.now(), tokens: Math.ceil(request.prompt.length / 4) + Math.ceil(text.length / 4) });
    return { text, delayMs };
  });
  servers.push(server);
  return { ...server, served };
}

function rightCode(problem: Problem): string {
  return humaneval.rightCode(problem);
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
  await until(async () => condition() || undefined, exited);
}

/** Polls `probe` until it finds something; fails early when `exited` settles first. */
async function until<T>(probe: () => Promise<T | undefined>, exited?: Promise<CliRun>): Promise<T> {
  let exit: CliRun | undefined;
  void exited?.then((run) => (exit = run));
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (exit) throw new Error(`process exited (${exit.code}) while waited for: ${exit.stderr}`);
    await sleep(20);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function statusOf(outDir: string): Promise<Record<string, unknown> | undefined> {
  return runCli(["status", "--queue", redis.url, "--json"]).then((status) => {
    expect(status.code).toBe(0);
    const listed = status.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    return listed.find((entry) => entry.outDir === outDir);
  });
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
    const code = (problem: Problem, sample: number) => ((humaneval.problems.indexOf(problem) + sample) % 3 !== 0 ? rightCode(problem) : humaneval.wrongCode(problem));
    const server = await modelServer(code, 40);
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

    expect(await statusOf(queued)).toMatchObject({ total: samples, done: samples, queued: 0, active: 0, failed: 0 });
  });

  it("holds a request limit across three workers per model call: with two calls a sample, the server sees exactly R requests", async () => {
    const server = await modelServer(rightCode);
    const limit = 4;
    await startWorkers(3, { CG_CACHE_DIR: join(work, "limit-cache") });
    const out = join(work, "limited");
    const run = startCli(runArgs(server, "--strategy", "self-planning", "--limit", "12", "--requests-per-minute", String(limit), "--queue", redis.url, "--out", out));
    await waitFor(() => server.requests.length >= limit, run.done);
    // Twelve samples of two calls would take well under this long without the limit.
    await sleep(5000);
    // The shared bucket started full with R requests, just (under a second) before the first one
    // arrived, and refills one every 60/R s.
    expect(performance.now() - server.served[0]!.at + 1000).toBeLessThan(60_000 / limit);
    expect(server.requests).toHaveLength(limit);

    const status = await runCli(["status", "--queue", redis.url]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/humaneval\s+self-planning\s+openai-compatible:loopback\s+\d+\s+\d+\s+[0-2]\/12\s+0\s+running/);

    // Stopped, the workers put the jobs waiting on the budget back instead of waiting for it,
    // without failing them (a failed job is logged).
    const stopped = workers;
    const stopping = performance.now();
    await stopWorkers();
    expect(performance.now() - stopping).toBeLessThan(10_000);
    for (const worker of stopped) expect((await worker.done).stderr).not.toMatch(/ failed: /);
    expect(await statusOf(out)).toMatchObject({ active: 0 });
    run.child.kill("SIGKILL");
    await run.done;
  });

  it("holds a token limit across three workers: what the server has served stays within one shared minute's budget", async () => {
    const server = await modelServer(rightCode);
    const tokensPerMinute = 4000;
    await startWorkers(3, { CG_CACHE_DIR: join(work, "token-limit-cache") });
    const out = join(work, "token-limited");
    // The 20 samples need about 11,700 tokens: three workers each holding its own budget of 4000
    // would have been served nearly all of them by now.
    // The cg profile: the reference profile's max_tokens (4096) would make one call's estimate exceed the budget.
    const run = startCli(runArgs(server, "--strategy", "self-planning", "--prompts", "cg", "--limit", "20", "--tokens-per-minute", String(tokensPerMinute), "--queue", redis.url, "--out", out));
    await waitFor(() => server.served.length > 0, run.done);
    await sleep(5000);
    // The bucket was made by the first call's take, just (here: under a second) before its request arrived.
    const elapsed = performance.now() - server.served[0]!.at + 1000;
    const served = server.served.reduce((sum, request) => sum + request.tokens, 0);
    // A call takes its estimate (the prompt's tokens plus 1024 of output) from a bucket that
    // started full at T; its usage then replaces the estimate. Every answer here is shorter than
    // 1024 tokens, so usage never exceeds the estimate and no call overshoots: what was served is
    // at most T plus the refill since the bucket was made.
    expect(served).toBeLessThanOrEqual(tokensPerMinute * (1 + elapsed / 60_000));
    // And the budget is used, not just held: calls wait only while less than one estimate is left.
    expect(served).toBeGreaterThan(tokensPerMinute / 2);
    run.child.kill("SIGKILL");
    await run.done;
  });

  it("records a sample whose execution kills every worker running it as one sandbox error after the third crash, and finishes the run", async () => {
    const [, , target] = humaneval.problems;
    // Its execution lasts long enough for the test to see which worker runs it and kill that
    // worker, as the kernel's out-of-memory killer or a crashing runtime would.
    const lingering = `import time\ntime.sleep(60)\n\n${rightCode(target!)}`;
    const server = await modelServer((problem) => (problem === target ? lingering : rightCode(problem)));
    // Three to be crashed, and one left to notice the third crash (stalled jobs are found by live workers).
    await startWorkers(4, { CG_CACHE_DIR: join(work, "crash-cache") });
    const out = join(work, "crashing");
    const run = startCli(runArgs(server, "--limit", "3", "--timeout", "30", "--queue", redis.url, "--out", out));
    const active = new ActiveJobs<{ taskId: string }>(redis.url, "execute");
    const killed = new Set<number>();
    try {
      // The other samples are recorded first, so that no killed worker holds another job.
      await waitFor(() => resultLines(out).length === 2, run.done);
      while (killed.size < 3) {
        const holder = await until(async () => {
          const job = (await active.list()).find((j) => j.data.taskId === target!.taskId && j.pid !== undefined && !killed.has(j.pid));
          return workers.find((worker) => worker.child.pid === job?.pid);
        }, run.done);
        holder.child.kill("SIGKILL");
        await holder.done;
        killed.add(holder.child.pid!);
      }
    } finally {
      await active.close();
    }
    const finished = await run.done;
    expect(finished.code).toBe(0);

    const results = resultLines(out);
    expect(results).toHaveLength(3);
    expect(results.filter((r) => r.task_id === target!.taskId)).toEqual([
      expect.objectContaining({
        status: "sandbox_error",
        passed: false,
        error_type: "WorkerError",
        error_message: expect.stringMatching(/^execution crashed workers 3 times \(each died or stopped answering with the job in hand\)/),
      }),
    ]);
    expect(results.filter((r) => r.task_id !== target!.taskId).map((r) => r.status)).toEqual(["passed", "passed"]);
    expect(await statusOf(out)).toMatchObject({ total: 3, done: 3, failed: 1, queued: 0, active: 0 });
  });

  it("names an unreachable Redis and what to do, with exit 2", async () => {
    for (const args of [["status", "--queue", "redis://127.0.0.1:1"], ["worker", "--queue", "redis://127.0.0.1:1"]]) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*start redis-server there, or pass the address of a running one with --queue/);
    }
  });
});
