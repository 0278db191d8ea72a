import type { ProblemCounts } from "./counts.js";
import { resolveBootstrapOptions, type BootstrapOptions } from "./bootstrap.js";
import { MetricsInputError } from "./errors.js";
import { quantileOfSorted } from "./quantile.js";
import { createSeededRandom } from "./random.js";
import { assertValidProblemCounts } from "./validate.js";

export interface PairedDifference {
  /** pass@1 of the first system minus that of the second, on the shared problems. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** Two-sided p-value of "no difference". */
  pValue: number;
  iterations: number;
  seed: number;
}

/**
 * Paired bootstrap over problems for the difference in pass@1 of two systems scored on the same
 * problems (any number of samples each). Problems are resampled with replacement, each carrying
 * both systems' c/n, so the correlation between the systems (easy problems are easy for both)
 * narrows the interval as it should.
 *
 * The interval is the percentile interval of the resampled differences. The p-value centres the
 * resampled differences on zero (the null hypothesis) and counts how often they stray at least as
 * far as the observed one: (1 + #{|d* - d| >= |d|}) / (iterations + 1).
 */
export function pairedBootstrapPassAt1(
  first: readonly ProblemCounts[],
  second: readonly ProblemCounts[],
  options: BootstrapOptions = {},
): PairedDifference {
  const { level, iterations, seed } = resolveBootstrapOptions(options);
  assertValidProblemCounts(first);
  assertValidProblemCounts(second);
  const differences = pairedDifferences(first, second);
  const count = differences.length;
  const observed = differences.reduce((sum, d) => sum + d, 0) / count;

  const random = createSeededRandom(seed);
  const means = new Float64Array(iterations);
  let asExtreme = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    let sum = 0;
    for (let draw = 0; draw < count; draw++) sum += differences[Math.floor(random() * count)] as number;
    const mean = sum / count;
    means[iteration] = mean;
    // A small tolerance keeps float noise from deciding ties (all differences equal, say).
    if (Math.abs(mean - observed) >= Math.abs(observed) - 1e-12) asExtreme++;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return {
    estimate: observed,
    lower: quantileOfSorted(means, tail),
    upper: quantileOfSorted(means, 1 - tail),
    level,
    pValue: Math.min(1, (1 + asExtreme) / (iterations + 1)),
    iterations,
    seed,
  };
}

function pairedDifferences(first: readonly ProblemCounts[], second: readonly ProblemCounts[]): number[] {
  const secondByTask = new Map(second.map((p) => [p.taskId, p]));
  const firstTasks = new Set(first.map((p) => p.taskId));
  const unpaired = first.find((p) => !secondByTask.has(p.taskId)) ?? second.find((p) => !firstTasks.has(p.taskId));
  if (unpaired !== undefined) {
    throw new MetricsInputError(
      `a paired comparison needs the same problems on both sides: task ${JSON.stringify(unpaired.taskId)} is on one side only; ` +
        `compare on the problems both systems were scored on.`,
    );
  }
  return first.map((p) => {
    const q = secondByTask.get(p.taskId) as ProblemCounts;
    return p.c / p.n - q.c / q.n;
  });
}
