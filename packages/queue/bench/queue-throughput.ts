import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDataset } from "@cg/datasets";
import { LocalEngine, parseRunConfig, type Engine, type RunConfig } from "@cg/runner";
import { ProblemBook, strategyAnswer } from "../../runner/test/support/model-answers";
import { startOpenAiLoopback } from "../../runner/test/support/openai-loopback";
import { QueuedEngine } from "../src/index";
import { startRedis } from "../test/support/redis-server";

/**
 * Execution-bound throughput: every HumanEval problem, `SAMPLES` samples each, answered at once by
 * a loopback model with the canonical solution (no response cache), so that scoring in the sandbox
 * is the work. The local engine with one sandbox per core, then the queued engine with 1, 2 and 4
 * worker processes of one sandbox each.
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2);
const here = fileURLToPath(new URL(".", import.meta.url));

const suite = await createDataset("humaneval").load();
const book = new ProblemBook(suite, suite.problems);
const server = await startOpenAiLoopback((request) => {
  const problem = book.problemIn(request.prompt);
  return { text: strategyAnswer(request.prompt, problem, book.rightCode(problem), book.rightCode(problem)) };
});
const redis = await startRedis();
const work = mkdtempSync(join(tmpdir(), "cg-bench-queue-"));

function config(name: string): RunConfig {
  return parseRunConfig({
    dataset: "humaneval",
    strategy: "direct",
    model: { spec: "openai-compatible:bench", baseUrl: server.baseUrl, cacheDir: false },
    n: SAMPLES,
    sampling: { temperature: 0.8, seed: 1 },
    concurrency: 16,
    outDir: join(work, name),
  });
}

async function measure(name: string, engine: Engine): Promise<number> {
  const started = performance.now();
  const summary = await engine.run(config(name));
  const seconds = (performance.now() - started) / 1000;
  await engine.close();
  if (summary.samples !== book.problems.length * SAMPLES) throw new Error(`${name}: ${summary.samples} samples scored`);
  return summary.samples / seconds;
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "worker-process.ts"), redis.url], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      return exited;
    }),
  );
}

const rows: Array<[string, number]> = [];
try {
  rows.push(["local engine, 2 sandboxes", await measure("local", new LocalEngine({ sandbox: { workers: 2 } }))]);
  for (const count of [1, 2, 4]) {
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker()));
    try {
      rows.push([`queue, ${count} worker process${count > 1 ? "es" : ""}`, await measure(`queue-${count}`, new QueuedEngine({ url: redis.url }))]);
    } finally {
      await stop(workers);
    }
  }
} finally {
  await server.close();
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}

process.stdout.write(`${book.problems.length * SAMPLES} samples (HumanEval × ${SAMPLES}), canonical solutions\n`);
for (const [name, rate] of rows) process.stdout.write(`${name.padEnd(30)} ${rate.toFixed(1)} samples/s\n`);
