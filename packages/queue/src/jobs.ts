import type { Candidate, Verdict } from "@cg/datasets";
import type { Generation } from "@cg/runner";

export interface GenerateJobData {
  runId: string;
  taskId: string;
  sampleIndex: number;
}

/** What a generation job returns; errors travel as name and message, since jobs return JSON. */
export type GenerateJobResult =
  | Extract<Generation, { kind: "generated" }>
  | { kind: "model_error"; errorName: string; errorMessage: string; generationMs: number }
  /** The model cannot be used at all: the run stops. */
  | { kind: "unavailable"; errorMessage: string };

export interface ExecuteJobData {
  runId: string;
  taskId: string;
  sampleIndex: number;
  candidate: Candidate;
}

/** The verdict without the program's output, which the results do not keep. */
export type ExecuteJobResult = Omit<Verdict, "stdout" | "stderr">;

/**
 * A generation queue, listed for workers to find: the model and rate limits of the runs it serves.
 * The limits are enforced per model call by each run's shared rate budget; here they only name
 * the queue in the workers' log.
 */
export interface GenerateQueueSpec {
  model: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** Times a job is run in all when its processor throws (set by the coordinator, which adds jobs). */
export const JOB_ATTEMPTS = 3;

/**
 * Times a job may lose its worker (the process died, or stopped renewing the job's lock) and be
 * handed to another; the next loss fails it for good. Set by the workers, read by the coordinator
 * to tell a sample that crashes workers from one whose jobs threw.
 */
export const MAX_STALLED_COUNT = 2;
