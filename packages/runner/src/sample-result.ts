import type { ExecutionStatus } from "@cg/datasets";

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

export function sampleKey(taskId: string, sampleIndex: number): string {
  return `${taskId}\u0000${sampleIndex}`;
}
