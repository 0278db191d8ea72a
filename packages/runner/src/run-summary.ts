import { ModelUnavailableError } from "./errors";
import { jsonlRecords } from "./jsonl-lines";
import type { RunIdentity } from "./run-directory";
import { MODEL_ERROR, type GeneratedSampleResult, type SampleResult } from "./sample-result";
import { summarize, type EvalSummary } from "./summary";

/** `cg eval`'s summary, plus how the samples were generated and what it took. */
export interface RunSummary extends EvalSummary {
  run_id: string;
  strategy: string;
  strategy_options: Record<string, unknown>;
  model: string;
  n: number;
  /** Selected problems × n. */
  samples_planned: number;
  /** Samples whose generation failed on the model side: left out of pass@k and of `samples`. */
  model_errors: number;
  tokens_in: number;
  tokens_out: number;
  /** At list price; null when the model has no known price. */
  cost_usd: number | null;
  model_calls: number;
  model_calls_per_problem: number;
  model_calls_per_sample: number;
  /** Wall time of the invocation that finished the run. */
  wall_seconds: number;
  warnings: string[];
}

export interface RunSummaryContext {
  runId: string;
  identity: RunIdentity;
  ks: readonly number[];
  datasetChecksums: Record<string, string | null>;
  samplesSha256: string | null;
  wallSeconds: number;
}

type SlimResult = Pick<
  GeneratedSampleResult,
  "task_id" | "sample_index" | "passed" | "status" | "error_type" | "tokens_in" | "tokens_out" | "cost_usd" | "model_calls" | "duration_ms" | "recheck"
>;

/**
 * Summarizes a finished run from its results file, streamed so that the code in it is never
 * held. Results are ordered by problem and sample before anything is added up, so the summary
 * does not depend on the order in which samples finished, nor on whether the run was resumed.
 */
export async function summarizeRun(resultsPath: string, context: RunSummaryContext): Promise<RunSummary> {
  const { identity } = context;
  const order = new Map(identity.problems.map((taskId, index) => [taskId, index]));
  const results: SlimResult[] = [];
  for await (const { record: r } of jsonlRecords<GeneratedSampleResult>(resultsPath)) {
    const { task_id, sample_index, passed, status, error_type, tokens_in, tokens_out, cost_usd, model_calls, duration_ms, recheck } = r;
    results.push({ task_id, sample_index, passed, status, error_type, tokens_in, tokens_out, cost_usd, model_calls, duration_ms, ...(recheck === undefined ? {} : { recheck }) });
  }
  results.sort((a, b) => (order.get(a.task_id) ?? Infinity) - (order.get(b.task_id) ?? Infinity) || a.sample_index - b.sample_index);

  const scored = results.filter((r): r is SlimResult & { status: SampleResult["status"] } => r.status !== MODEL_ERROR);
  const failed = results.filter((r) => r.status === MODEL_ERROR);
  if (scored.length === 0) {
    const reasons = [...new Set(failed.map((r) => r.error_type ?? "unknown"))].join(", ");
    throw new ModelUnavailableError(
      `no sample could be generated: all ${failed.length} failed on the model side (${reasons}; details in ${resultsPath}); ` +
        `rerun the same command to retry them`,
    );
  }
  const base = summarize(
    scored.map((r) => ({ ...r, error_message: null, cpu_ms: 0 })),
    {
      dataset: identity.dataset,
      ...(identity.dataset_options === undefined ? {} : { datasetOptions: identity.dataset_options }),
      datasetProblems: identity.problems.length,
      ks: context.ks,
      checksums: { dataset: context.datasetChecksums, samples: context.samplesSha256 },
      timeoutSeconds: identity.timeout_seconds,
      scoringSeconds: scored.reduce((sum, r) => sum + r.duration_ms, 0) / 1000,
      problemOrder: identity.problems,
    },
  );
  if (failed.length > 0) base.status_counts[MODEL_ERROR] = failed.length;

  const modelCalls = results.reduce((sum, r) => sum + r.model_calls, 0);
  const warnings: string[] = [];
  if (failed.length > 0) {
    const kinds = [...new Set(failed.map((r) => r.error_type ?? "unknown"))].join(", ");
    warnings.push(
      `${failed.length} of ${results.length} samples failed on the model side (${kinds}) and are left out of pass@k; ` +
        `rerun the same command to retry them`,
    );
  }
  return {
    ...base,
    run_id: context.runId,
    strategy: identity.strategy,
    strategy_options: identity.strategy_options,
    model: identity.model,
    n: identity.n,
    samples_planned: identity.problems.length * identity.n,
    model_errors: failed.length,
    tokens_in: results.reduce((sum, r) => sum + r.tokens_in, 0),
    tokens_out: results.reduce((sum, r) => sum + r.tokens_out, 0),
    cost_usd: results.some((r) => r.cost_usd === null) ? null : results.reduce((sum, r) => sum + (r.cost_usd ?? 0), 0),
    model_calls: modelCalls,
    model_calls_per_problem: base.problems === 0 ? 0 : modelCalls / base.problems,
    model_calls_per_sample: scored.length === 0 ? 0 : modelCalls / scored.length,
    wall_seconds: context.wallSeconds,
    warnings,
  };
}
