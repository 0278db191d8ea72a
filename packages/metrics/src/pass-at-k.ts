import { MetricsInputError } from "./errors.js";
import { assertNonNegativeInteger, assertValidK } from "./validate.js";

/** The key under which pass@k is reported, e.g. `"pass@10"`. */
export type PassAtKKey = `pass@${number}`;

export function passAtKKey(k: number): PassAtKKey {
  return `pass@${k}`;
}

/**
 * Unbiased estimate of pass@k from `n` samples of which `c` passed: the
 * probability that at least one of `k` samples drawn without replacement from
 * the `n` passes, i.e. 1 - C(n-c, k) / C(n, k).
 *
 * The ratio of binomials is evaluated as prod_{i=n-c+1}^{n} (1 - k/i) so that
 * no factorial or large binomial is ever formed; every factor lies in [0, 1)
 * and the result stays accurate for n in the thousands.
 */
export function passAtK(n: number, c: number, k: number): number {
  assertNonNegativeInteger("n (samples generated)", n);
  assertNonNegativeInteger("c (samples passed)", c);
  assertValidK(k);
  if (c > n) {
    throw new MetricsInputError(
      `c (samples passed) cannot exceed n (samples generated): got c=${c}, n=${n}.`,
    );
  }
  if (k > n) {
    throw new MetricsInputError(
      `pass@${k} needs at least ${k} samples per problem, got n=${n}. ` +
        `Generate more samples or ask for a smaller k.`,
    );
  }
  // Fewer than k failures: every draw of k samples contains a pass.
  if (n - c < k) return 1;
  let allFailProbability = 1;
  for (let i = n - c + 1; i <= n; i++) {
    allFailProbability *= 1 - k / i;
  }
  return 1 - allFailProbability;
}
