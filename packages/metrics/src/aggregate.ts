import type { ProblemCounts } from "./counts.js";
import { passAtK, passAtKKey, type PassAtKKey } from "./pass-at-k.js";
import { assertValidK, assertValidProblemCounts } from "./validate.js";

export type PassAtKByK = Record<PassAtKKey, number>;

export interface ProblemPassAtK extends ProblemCounts {
  passAtK: PassAtKByK;
}

export interface PassAtKReport {
  /** The requested ks that every problem has enough samples for, in request order. */
  ks: number[];
  /** Requested ks dropped because some problem has fewer than k samples. */
  excludedKs: number[];
  problems: ProblemPassAtK[];
  /** Mean over problems of the per-problem estimate, keyed `"pass@1"`, `"pass@10"`, ... */
  aggregate: PassAtKByK;
}

export const DEFAULT_KS: readonly number[] = [1, 10, 100];

/**
 * pass@k for each problem and its mean over problems. A k is reported only if
 * every problem has at least k samples: averaging over just the problems that
 * qualify would silently change which problems the score is about.
 */
export function aggregatePassAtK(
  problems: readonly ProblemCounts[],
  ks: readonly number[] = DEFAULT_KS,
): PassAtKReport {
  assertValidProblemCounts(problems);
  ks.forEach(assertValidK);
  const requested = [...new Set(ks)];
  const fewestSamples = problems.reduce((fewest, p) => Math.min(fewest, p.n), Infinity);
  const included = requested.filter((k) => k <= fewestSamples);
  const excludedKs = requested.filter((k) => k > fewestSamples);

  const perProblem = problems.map(({ taskId, n, c }): ProblemPassAtK => {
    const estimates: PassAtKByK = {};
    for (const k of included) estimates[passAtKKey(k)] = passAtK(n, c, k);
    return { taskId, n, c, passAtK: estimates };
  });

  const aggregate: PassAtKByK = {};
  for (const k of included) {
    let sum = 0;
    for (const { n, c } of problems) sum += passAtK(n, c, k);
    aggregate[passAtKKey(k)] = sum / problems.length;
  }
  return { ks: included, excludedKs, problems: perProblem, aggregate };
}
