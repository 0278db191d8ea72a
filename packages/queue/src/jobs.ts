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

/** Generation queues: the limit every worker serving them applies. */
export interface GenerateQueueSpec {
  model: string;
  requestsPerMinute?: number;
}

/** Job retry settings shared by the coordinator (which adds jobs) and the docs. */
export const JOB_ATTEMPTS = 3;
