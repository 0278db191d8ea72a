import type { EvalSummary, Recheck, RunSummary, TraceLine } from "@cg/runner";

/**
 * The data a report page carries eagerly (one JSON block): everything the overview, plots, error
 * taxonomy, grid and comparison need. Per-sample code and traces travel separately, one
 * compressed block per run and problem (`ProblemDetail`), decoded only when a problem is opened.
 */
export interface ReportData {
  generatedAt: string;
  runs: ReportRun[];
  problems: ReportProblem[];
  /** Exception types of runtime errors, referenced by index from `ReportRun.runtimeErrorTypes`. */
  errorTypes: string[];
  warnings: string[];
}

export type ResultsKind = "run" | "eval";

export interface ReportRun {
  /** Short name shown everywhere: strategy and model for a run, the directory name for an evaluation. */
  label: string;
  dir: string;
  kind: ResultsKind;
  dataset: string;
  strategy: string | null;
  model: string | null;
  /** summary.json as written by the run or evaluation. */
  summary: RunSummary | EvalSummary;
  /** The run's problems, in run order, as indices into `ReportData.problems`. */
  problems: number[];
  /** Per problem (same positions): one outcome code per sample, by sample index (see outcomes.ts). */
  outcomes: string[];
  /** Per problem: model calls summed over its samples (0 for an evaluation). */
  calls: number[];
  /** Per problem: tokens in and out summed over its samples. */
  tokens: number[];
  /** Exception type (index into `ReportData.errorTypes`) of each runtime error, in outcome order. */
  runtimeErrorTypes: number[];
  /** Per problem: samples whose verdict changed when judged again alone (flaky); absent when there are none. */
  flaky?: number[];
  /** Whether detail blocks hold code and traces (an evaluation has no trace; its code only when its samples file was given). */
  hasCode: boolean;
  hasTrace: boolean;
}

export interface ReportProblem {
  dataset: string;
  taskId: string;
  /** Null when the dataset's files could not be read. */
  prompt: string | null;
  metadata: Record<string, string | number | boolean>;
}

/** One run's samples of one problem: the decoded content of a detail block. */
export interface ProblemDetail {
  samples: SampleDetail[];
}

export interface SampleDetail {
  index: number;
  status: string;
  errorType: string | null;
  errorMessage: string | null;
  durationMs: number;
  kind: "completion" | "solution" | null;
  code: string | null;
  publicTestsPassed: boolean | null;
  modelCalls: number | null;
  sampleTestRuns: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  generationMs: number | null;
  /** Both verdicts, when the first was near the time limit and the sample was judged again alone. */
  recheck: Recheck | null;
  /** The strategy's events for this sample, in order. */
  trace: TraceEventView[];
}

/** A trace.jsonl line without the keys that place it. */
export type TraceEventView = DistributiveOmit<TraceLine, "task_id" | "sample_index">;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The id of the script element holding a run's detail block for the problem at `position`. */
export function detailElementId(run: number, position: number): string {
  return `detail-${run}-${position}`;
}

export const REPORT_DATA_ELEMENT_ID = "report-data";
export const DETAIL_SCRIPT_TYPE = "application/x-cg-detail";
export const PLOTS_SCRIPT_ELEMENT_ID = "plots-script";
