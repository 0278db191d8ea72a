import type { Candidate, ExecutionStatus, Verdict } from "@cg/datasets";
import { EXECUTION_STATUSES } from "@cg/executor";
import { z } from "zod";

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
  /**
   * 0-based repetition of the judging, with `cg eval --repeat N` (N > 1) only: each sample then
   * has N lines. Absent otherwise.
   */
  repeat?: number;
  /**
   * Present once the verdict, near the time limit, was judged a second time alone at the end of
   * the run: both outcomes. The line's own verdict fields are then the second's (see recheck.ts).
   */
  recheck?: Recheck;
}

/** A verdict as a recheck keeps it, beside the other. */
export interface RecheckOutcome {
  passed: boolean;
  status: ExecutionStatus;
  error_type: string | null;
  duration_ms: number;
  cpu_ms: number;
}

/** The two verdicts on a sample near the time limit: as first scored, and judged again alone. */
export interface Recheck {
  first: RecheckOutcome;
  second: RecheckOutcome;
}

/** The fields of a results line that a verdict fills in. */
export type VerdictFields = Pick<SampleResult, "passed" | "status" | "error_type" | "error_message" | "duration_ms" | "cpu_ms" | "parts">;

/** A dataset's verdict as the fields of a results line. */
export function verdictFields(verdict: Omit<Verdict, "stdout" | "stderr">): VerdictFields {
  return {
    passed: verdict.passed,
    status: verdict.status,
    error_type: verdict.errorType ?? null,
    error_message: verdict.errorMessage ?? null,
    duration_ms: verdict.wallMs,
    cpu_ms: verdict.cpuMs,
    ...(verdict.parts ? { parts: verdict.parts } : {}),
  };
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

/** The key of one results line: a sample, and its repetition when the judging is repeated. */
export function verdictKey(taskId: string, sampleIndex: number, repeat = 0): string {
  return repeat === 0 ? sampleKey(taskId, sampleIndex) : `${sampleKey(taskId, sampleIndex)}\u0000${repeat}`;
}

const recheckOutcomeSchema = z.object({
  passed: z.boolean(),
  status: z.enum(EXECUTION_STATUSES),
  error_type: z.string().nullable(),
  duration_ms: z.number(),
  cpu_ms: z.number(),
});

export const recheckSchema: z.ZodType<Recheck> = z.object({ first: recheckOutcomeSchema, second: recheckOutcomeSchema });

export const verdictFieldsSchema: z.ZodType<VerdictFields> = z.object({
  passed: z.boolean(),
  status: z.enum(EXECUTION_STATUSES),
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
  duration_ms: z.number(),
  cpu_ms: z.number(),
  parts: z.record(z.string(), z.boolean()).optional(),
});

const resultLineShape = {
  task_id: z.string(),
  sample_index: z.number().int().min(0),
  passed: z.boolean(),
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
  duration_ms: z.number(),
  cpu_ms: z.number(),
  parts: z.record(z.string(), z.boolean()).optional(),
  repeat: z.number().int().min(0).optional(),
  recheck: recheckSchema.optional(),
};

/** A line of `cg eval`'s results.jsonl, as checked when an evaluation resumes. */
export const sampleResultSchema: z.ZodType<SampleResult> = z.object({ ...resultLineShape, status: z.enum(EXECUTION_STATUSES) });

/** A line of a run's results.jsonl, as checked when the run resumes. */
export const generatedSampleResultSchema: z.ZodType<GeneratedSampleResult> = z.object({
  ...resultLineShape,
  status: z.enum([...EXECUTION_STATUSES, MODEL_ERROR]),
  candidate_kind: z.enum(["completion", "solution"]).nullable(),
  code: z.string().nullable(),
  public_tests_passed: z.boolean().nullable(),
  model_calls: z.number().int().min(0),
  sample_test_runs: z.number().int().min(0),
  tokens_in: z.number().min(0),
  tokens_out: z.number().min(0),
  cost_usd: z.number().nullable(),
  latency_ms: z.number(),
  generation_ms: z.number(),
});

/**
 * Checks the lines of a results.jsonl being resumed (see LogReading.check): each must be of a
 * sample (and repetition) `isPlanned` knows, once. `scope` ends "is not ..." in the refusal.
 */
export function resultLineCheck(
  isPlanned: (taskId: string, sampleIndex: number, repeat: number) => boolean,
  scope: string,
): (result: { task_id: string; sample_index: number; repeat?: number | undefined }, line: number) => string | undefined {
  const firstLine = new Map<string, number>();
  return (result, line) => {
    const repeat = result.repeat ?? 0;
    const sample = `task "${result.task_id}" sample ${result.sample_index}${result.repeat === undefined ? "" : ` repetition ${repeat}`}`;
    if (!isPlanned(result.task_id, result.sample_index, repeat)) return `${sample} is not ${scope}`;
    const key = verdictKey(result.task_id, result.sample_index, repeat);
    const first = firstLine.get(key);
    if (first !== undefined) return `a second result for ${sample} (the first is on line ${first})`;
    firstLine.set(key, line);
    return undefined;
  };
}
