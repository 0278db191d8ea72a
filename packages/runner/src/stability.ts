import { aggregatePassAtK, countSamples } from "@cg/metrics";
import { isFlaky } from "./recheck";
import { sampleKey, type SampleResult } from "./sample-result";
import { inProblemOrder } from "./summary";

/** How one pass@k varied over the repetitions of the judging. */
export interface PassAtKSpread {
  /** By repetition. */
  values: number[];
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation (N − 1 in the denominator). */
  stddev: number;
}

/** A sample whose verdict was not the same in every repetition. */
export interface FlippedSample {
  sample_index: number;
  /** Its status in each repetition, in order. */
  statuses: string[];
}

export interface ProblemStability {
  task_id: string;
  samples: number;
  flipped_samples: number;
  flipped: FlippedSample[];
}

/** `cg eval --repeat N`: how far the verdicts, and the scores, depend on the judging. */
export interface Stability {
  repeat: number;
  /** Distinct samples, each judged `repeat` times. */
  samples: number;
  /** Samples whose status was not the same in every repetition. */
  flipped_samples: number;
  flip_rate: number;
  problems: number;
  problems_with_flips: number;
  /** Over every repetition: verdicts near the limit judged again, and those that changed then. */
  rechecked: number;
  flaky: number;
  /** Every pass@k each repetition reports, keyed as in the summary. */
  pass_at_k: Record<string, PassAtKSpread>;
  /** The problems with a flipped sample, in problem order; every other problem had none. */
  flipping_problems: ProblemStability[];
}

/** The stability of `repeat` complete repetitions of one samples file's verdicts. */
export function summarizeStability(results: readonly SampleResult[], repeat: number, ks: readonly number[], problemOrder: readonly string[] = []): Stability {
  const bySample = new Map<string, { taskId: string; index: number; statuses: string[] }>();
  const byRepetition: SampleResult[][] = Array.from({ length: repeat }, () => []);
  for (const result of results) {
    const repetition = result.repeat ?? 0;
    byRepetition[repetition]?.push(result);
    const key = sampleKey(result.task_id, result.sample_index);
    let sample = bySample.get(key);
    if (sample === undefined) {
      sample = { taskId: result.task_id, index: result.sample_index, statuses: [] };
      bySample.set(key, sample);
    }
    sample.statuses[repetition] = result.status;
  }

  const problems = new Map<string, ProblemStability>();
  let flippedSamples = 0;
  for (const { taskId, index, statuses } of bySample.values()) {
    let problem = problems.get(taskId);
    if (problem === undefined) {
      problem = { task_id: taskId, samples: 0, flipped_samples: 0, flipped: [] };
      problems.set(taskId, problem);
    }
    problem.samples++;
    if (new Set(statuses).size > 1) {
      flippedSamples++;
      problem.flipped_samples++;
      problem.flipped.push({ sample_index: index, statuses: [...statuses] });
    }
  }
  for (const problem of problems.values()) problem.flipped.sort((a, b) => a.sample_index - b.sample_index);
  const flipping = inProblemOrder(new Set([...problems.values()].filter((p) => p.flipped_samples > 0).map((p) => p.task_id)), problemOrder);

  const scores = byRepetition.map((lines) => aggregatePassAtK(countSamples(lines.map((r) => ({ taskId: r.task_id, passed: r.passed }))), ks).aggregate);
  const keys = Object.keys(scores[0] ?? {}).filter((key) => scores.every((score) => key in score));
  return {
    repeat,
    samples: bySample.size,
    flipped_samples: flippedSamples,
    flip_rate: bySample.size === 0 ? 0 : flippedSamples / bySample.size,
    problems: problems.size,
    problems_with_flips: flipping.length,
    rechecked: results.filter((r) => r.recheck !== undefined).length,
    flaky: results.filter(isFlaky).length,
    pass_at_k: Object.fromEntries(keys.map((key) => [key, spread(scores.map((score) => score[key as `pass@${number}`]!))])),
    flipping_problems: flipping.map((taskId) => problems.get(taskId)!),
  };
}

function spread(values: number[]): PassAtKSpread {
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Equal values are reported as exactly that, not as a mean a rounding away from them.
  if (min === max) return { values, mean: min, min, max, stddev: 0 };
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { values, mean, min, max, stddev: Math.sqrt(variance) };
}
