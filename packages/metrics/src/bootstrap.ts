import type { ProblemCounts } from "./counts.js";
import { MetricsInputError } from "./errors.js";
import { quantileOfSorted } from "./quantile.js";
import { createSeededRandom } from "./random.js";
import { assertValidProblemCounts } from "./validate.js";

export interface BootstrapOptions {
  /** Coverage of the interval, strictly between 0 and 1. Default 0.95. */
  level?: number;
  /** Number of bootstrap resamples. Default 10,000. */
  iterations?: number;
  /** Seed of the resampling generator; equal seeds give equal intervals. Default 0. */
  seed?: number;
}

export interface ConfidenceInterval {
  /** The statistic on the original data: mean over problems of c/n. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_BOOTSTRAP_LEVEL = 0.95;
export const DEFAULT_BOOTSTRAP_ITERATIONS = 10_000;
export const DEFAULT_BOOTSTRAP_SEED = 0;

/** The options with their defaults filled in, each checked. */
export function resolveBootstrapOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const {
    level = DEFAULT_BOOTSTRAP_LEVEL,
    iterations = DEFAULT_BOOTSTRAP_ITERATIONS,
    seed = DEFAULT_BOOTSTRAP_SEED,
  } = options;
  if (!(level > 0 && level < 1)) {
    throw new MetricsInputError(`level must be strictly between 0 and 1 (e.g. 0.95), got ${level}.`);
  }
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new MetricsInputError(`iterations must be a positive integer (e.g. 10000), got ${iterations}.`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new MetricsInputError(`seed must be an integer, got ${seed}.`);
  }
  return { level, iterations, seed };
}

/**
 * Percentile bootstrap interval for pass@1 over problems. Problems, not
 * samples, are resampled because the benchmark's problems are the draw we want
 * the interval to speak about; each problem's c/n is its unbiased pass@1.
 */
export function bootstrapPassAt1(
  problems: readonly ProblemCounts[],
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const { level, iterations, seed } = resolveBootstrapOptions(options);
  assertValidProblemCounts(problems);

  const rates = problems.map(({ n, c }) => c / n);
  const count = rates.length;
  const random = createSeededRandom(seed);
  const means = new Float64Array(iterations);
  for (let iteration = 0; iteration < iterations; iteration++) {
    let sum = 0;
    for (let draw = 0; draw < count; draw++) {
      sum += rates[Math.floor(random() * count)] as number;
    }
    means[iteration] = sum / count;
  }
  means.sort();

  const tail = (1 - level) / 2;
  return {
    estimate: rates.reduce((sum, rate) => sum + rate, 0) / count,
    lower: quantileOfSorted(means, tail),
    upper: quantileOfSorted(means, 1 - tail),
    level,
    iterations,
    seed,
  };
}
