import { assertNonNegativeInteger } from "./validate.js";

export interface McNemarResult {
  /** Problems only the first system solved. */
  onlyFirst: number;
  /** Problems only the second system solved. */
  onlySecond: number;
  /** Two-sided exact p-value. */
  pValue: number;
}

/**
 * McNemar's exact test for two systems scored on the same problems, one sample each. Only the
 * discordant problems carry information: under the null hypothesis that both systems are equally
 * good, each of them is as likely to favour either system, so `onlyFirst` is Binomial(b + c, 1/2).
 * The two-sided p-value doubles the smaller tail (capped at 1), as R's `binom.test` does for p = 1/2.
 */
export function mcnemarExact(onlyFirst: number, onlySecond: number): McNemarResult {
  assertNonNegativeInteger("onlyFirst (problems only the first system solved)", onlyFirst);
  assertNonNegativeInteger("onlySecond (problems only the second system solved)", onlySecond);
  const discordant = onlyFirst + onlySecond;
  const smaller = Math.min(onlyFirst, onlySecond);
  const pValue = discordant === 0 ? 1 : Math.min(1, 2 * Math.exp(logBinomialHalfCdf(discordant, smaller)));
  return { onlyFirst, onlySecond, pValue };
}

/**
 * log P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so that n in the thousands does
 * not underflow 2^-n.
 */
function logBinomialHalfCdf(n: number, k: number): number {
  let logTerm = -n * Math.LN2;
  let logSum = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log((n - i) / (i + 1));
    logSum = logSum > logTerm ? logSum + Math.log1p(Math.exp(logTerm - logSum)) : logTerm + Math.log1p(Math.exp(logSum - logTerm));
  }
  return logSum;
}
