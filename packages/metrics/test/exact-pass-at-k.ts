// Reference values computed exactly with BigInt rationals, independent of the
// product form under test.

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) {
    // Exact at every step: result is C(n - k + i, i) after iteration i.
    result = (result * BigInt(n - k + i)) / BigInt(i);
  }
  return result;
}

/** numerator / denominator for 0 <= numerator <= denominator, to ~2^-64 absolute. */
function fractionToNumber(numerator: bigint, denominator: bigint): number {
  const scaled = (numerator << 64n) / denominator;
  return Number(scaled) / 2 ** 64;
}

/** 1 - C(n-c, k) / C(n, k), evaluated as an exact fraction and then rounded. */
export function exactPassAtK(n: number, c: number, k: number): number {
  const total = binomial(n, k);
  const allFailing = binomial(n - c, k);
  return fractionToNumber(total - allFailing, total);
}
