import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import type { Problem } from "@cg/datasets";
import { createSeededRandom } from "@cg/metrics";
import {
  CONFIG_FILE,
  parseRunConfig,
  RESULTS_FILE,
  runId,
  SUMMARY_FILE,
  summarizeRun,
  TRACE_FILE,
  type GeneratedSampleResult,
  type RunIdentity,
  type RunSummary,
  type SavedRunConfig,
  type TraceLine,
} from "@cg/runner";

// Results directories in the exact format `cg run` writes, of made-up runs whose size and
// outcomes a test or benchmark chooses; summary.json comes from the runner's own summarizeRun.

const TAGS = ["math", "greedy", "strings", "dp", "graphs", "sorting", "implementation", "brute force", "number theory", "trees", "binary search", "geometry"];
const DIFFICULTIES = ["introductory", "interview", "competition"];
const WORDS = "value list index count total result number string return element sum pair order first last check even odd prime digit".split(" ");

/** Problems with statements of a realistic length and APPS/xCodeEval/LiveCodeBench-like metadata. */
export function syntheticProblems(dataset: string, count: number, seed = 1): Problem[] {
  const random = createSeededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i): Problem => {
    const sentence = () => Array.from({ length: 12 }, () => pick(WORDS)).join(" ");
    const tags = [...new Set([pick(TAGS), pick(TAGS), pick(TAGS)].slice(0, 1 + Math.floor(random() * 3)))];
    return {
      taskId: `${dataset}/${i}`,
      language: "python",
      prompt: `def solve_${i}(values: list[int]) -> int:\n    """${Array.from({ length: 6 }, sentence).join(".\n    ")}.\n    >>> solve_${i}([1, 2, 3])\n    ${i % 7}\n    """\n`,
      entryPoint: `solve_${i}`,
      publicTests: [{ kind: "assert", code: `assert solve_${i}([1, 2, 3]) == ${i % 7}` }],
      metadata: {
        difficulty: pick(DIFFICULTIES),
        tags: tags.join(", "),
        rating: 800 + 100 * Math.floor(random() * 28),
        contest_date: `202${3 + Math.floor(random() * 2)}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-15`,
      },
    };
  });
}

export interface SyntheticRun {
  dataset: string;
  strategy: string;
  model: string;
  n: number;
  ks?: number[];
  /** Chance that a sample passes, per problem index. */
  passRate: (problem: number) => number;
  /** Model calls per sample (each traced with its messages and answer). */
  calls: number;
  seed: number;
}

const FAILURES: Array<{ status: GeneratedSampleResult["status"]; weight: number; errorTypes?: string[] }> = [
  { status: "failed", weight: 60 },
  { status: "runtime_error", weight: 25, errorTypes: ["ValueError", "IndexError", "TypeError", "KeyError", "ZeroDivisionError"] },
  { status: "syntax_error", weight: 5 },
  { status: "timeout", weight: 6 },
  { status: "memory_limit", weight: 1 },
  { status: "output_limit", weight: 1 },
  { status: "model_error", weight: 2 },
];

/** Writes one run's results directory and returns its summary. */
export async function writeSyntheticRun(dir: string, problems: readonly Problem[], run: SyntheticRun): Promise<RunSummary> {
  mkdirSync(dir, { recursive: true });
  const random = createSeededRandom(run.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const identity: RunIdentity = {
    dataset: run.dataset,
    strategy: run.strategy,
    strategy_options: {},
    model: run.model,
    sampling: { temperature: run.n === 1 ? 0 : 0.8 },
    n: run.n,
    problems: problems.map((p) => p.taskId),
    timeout_seconds: 3,
  };
  const config = parseRunConfig({ dataset: run.dataset, strategy: run.strategy, model: { spec: run.model }, n: run.n, outDir: dir });
  const saved: SavedRunConfig = { run_id: runId(identity), identity, config };
  writeFileSync(join(dir, CONFIG_FILE), `${JSON.stringify(saved, null, 2)}\n`);

  const results = createWriteStream(join(dir, RESULTS_FILE));
  const trace = createWriteStream(join(dir, TRACE_FILE));
  const totalWeight = FAILURES.reduce((sum, f) => sum + f.weight, 0);
  for (const [p, problem] of problems.entries()) {
    for (let index = 0; index < run.n; index++) {
      const passed = random() < run.passRate(p);
      let failure = FAILURES[0]!;
      if (!passed) {
        let draw = random() * totalWeight;
        failure = FAILURES.find((f) => (draw -= f.weight) < 0) ?? failure;
      }
      const status = passed ? "passed" : failure.status;
      const modelError = status === "model_error";
      const code = modelError ? null : `def ${problem.entryPoint}(values):\n${Array.from({ length: 8 }, () => `    ${pick(WORDS)} = ${pick(WORDS)}(${pick(WORDS)}, ${Math.floor(random() * 100)})`).join("\n")}\n    return ${pick(WORDS)}\n`;
      const errorType = passed ? null : modelError ? "RetriesExhaustedError" : status === "failed" ? "AssertionError" : failure.errorTypes ? pick(failure.errorTypes) : null;
      const lines: TraceLine[] = [];
      let tokensIn = 0;
      let tokensOut = 0;
      for (let call = 0; call < (modelError ? 1 : run.calls); call++) {
        const step = run.calls === 1 ? "code" : (["plan", "simulate", "code", "debug"][Math.min(call, 3)] as string);
        const prompt = `${step === "code" ? "Write Python code" : "Plan a solution"} for the problem below.\n\n## Problem\n\n\`\`\`python\n${problem.prompt}\`\`\`\n\n## Sample tests\n\n${problem.publicTests.map((t) => (t.kind === "assert" ? t.code : "")).join("\n")}\n`;
        const answer = step === "code" || step === "debug" ? `Here is the solution.\n\n\`\`\`python\n${code ?? ""}\`\`\`\n` : Array.from({ length: 6 }, (_, k) => `${k + 1}. ${Array.from({ length: 10 }, () => pick(WORDS)).join(" ")}`).join("\n");
        const usage = { promptTokens: Math.ceil(prompt.length / 4), completionTokens: Math.ceil(answer.length / 4) };
        tokensIn += usage.promptTokens;
        tokensOut += usage.completionTokens;
        lines.push({ task_id: problem.taskId, sample_index: index, type: "model_call", step, round: 1, messages: [{ role: "user", content: prompt }], sampleIndex: index, text: answer, finishReason: "stop", usage, costUsd: null, latencyMs: 100 + Math.floor(random() * 900), cached: false });
        if (step === "simulate") lines.push({ task_id: problem.taskId, sample_index: index, type: "decision", step, round: 1, decision: passed ? "plan_ok" : "plan_needs_change", detail: passed ? "the simulation accepted the plan" : "the simulation found a flaw; the plan is refined" });
      }
      if (modelError) {
        lines.push({ task_id: problem.taskId, sample_index: index, type: "model_error", error_type: "RetriesExhaustedError", error_message: "HTTP 500 after 6 retries" });
      } else if (run.calls > 1) {
        lines.push({
          task_id: problem.taskId,
          sample_index: index,
          type: "sample_tests",
          step: "code",
          round: 1,
          status: "executed",
          candidate: { kind: "solution", code: code ?? "" },
          report: { passed, results: [{ test: problem.publicTests[0]!, passed, status: passed ? "passed" : "failed", detail: passed ? "passed" : "assertion failed" }], log: passed ? "All 1 public tests passed." : `Test: ${problem.publicTests.map((t) => (t.kind === "assert" ? t.code : "")).join("")}\nResult: assertion failed` },
        });
      }
      const result: GeneratedSampleResult = {
        task_id: problem.taskId,
        sample_index: index,
        passed,
        status,
        error_type: errorType,
        error_message: passed ? null : modelError ? "HTTP 500 after 6 retries" : status === "runtime_error" ? "Traceback (most recent call last):\n  File \"<string>\", line 3, in solve\nerror" : null,
        duration_ms: 50 + Math.floor(random() * 200),
        cpu_ms: 20,
        candidate_kind: modelError ? null : "solution",
        code,
        public_tests_passed: run.calls > 1 && !modelError ? passed : null,
        model_calls: modelError ? 1 : run.calls,
        sample_test_runs: run.calls > 1 && !modelError ? 1 : 0,
        tokens_in: tokensIn,
        tokens_out: tokensOut,
        cost_usd: null,
        latency_ms: 500,
        generation_ms: 900,
      };
      await writeLine(trace, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
      await writeLine(results, `${JSON.stringify(result)}\n`);
    }
  }
  await Promise.all([close(results), close(trace)]);
  const summary = await summarizeRun(join(dir, RESULTS_FILE), {
    runId: saved.run_id,
    identity,
    ks: run.ks ?? [1, 10, 100].filter((k) => k <= run.n),
    datasetChecksums: {},
    samplesSha256: null,
    wallSeconds: 60 + run.seed,
  });
  writeFileSync(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

async function writeLine(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, "finish");
}
