import type { Candidate, ExecutionStatus } from "@cg/datasets";

/** One line of results.jsonl: the verdict on one sample. */
export interface SampleResult {
  task_id: string;
  /** 0-based position of the sample among its task's samples. */
  sample_index: number;
  passed: boolean;
  status: ExecutionStatus;
  error_type: string | null;
  error_message: string | null;
  /** Wall time of the scoring run, ms. */
  duration_ms: number;
  cpu_ms: number;
  /** Verdicts on named subsets of the tests, for datasets that report them (EvalPlus: base, plus). */
  parts?: Record<string, boolean>;
}

/** The model side failed (retries exhausted, request rejected): not a verdict on any code. */
export const MODEL_ERROR = "model_error";

/**
 * One line of a run's results.jsonl: `cg eval`'s fields, then how the sample was generated. A
 * `model_error` line has no code and is not scored; it is replaced when the run is resumed.
 */
export interface GeneratedSampleResult extends Omit<SampleResult, "status"> {
  status: ExecutionStatus | typeof MODEL_ERROR;
  candidate_kind: Candidate["kind"] | null;
  /** The generated code: a completion of the prompt or a whole solution, per `candidate_kind`. */
  code: string | null;
  /** Whether the final code passed the public tests; null when the strategy did not run them on it. */
  public_tests_passed: boolean | null;
  model_calls: number;
  sample_test_runs: number;
  tokens_in: number;
  tokens_out: number;
  /** At list price, whether or not the calls were served from the response cache; null without a known price. */
  cost_usd: number | null;
  /** Sum of the model calls' latencies. */
  latency_ms: number;
  /** Wall time of the generation, sample-test runs included. */
  generation_ms: number;
}

export function sampleKey(taskId: string, sampleIndex: number): string {
  return `${taskId}\u0000${sampleIndex}`;
}
