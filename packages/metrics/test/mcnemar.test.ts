import { describe, expect, it } from "vitest";
import { mcnemarExact, MetricsInputError } from "../src/index.js";

/** 2 · P(X <= min) for X ~ Binomial(b + c, 1/2), capped at 1, in exact rational arithmetic. */
function exactTwoSided(b: number, c: number): number {
  const n = b + c;
  let term = 1n;
  let tail = 1n;
  for (let i = 0; i < Math.min(b, c); i++) {
    term = (term * BigInt(n - i)) / BigInt(i + 1);
    tail += term;
  }
  const scale = 10n ** 30n;
  const p = Number((2n * tail * scale) / 2n ** BigInt(n)) / Number(scale);
  return Math.min(1, p);
}

describe("mcnemarExact", () => {
  it("matches hand-computed p-values", () => {
    // (1 + 6) / 64 doubled.
    expect(mcnemarExact(1, 5).pValue).toBeCloseTo(14 / 64, 14);
    expect(mcnemarExact(5, 1).pValue).toBeCloseTo(14 / 64, 14);
    // Only the all-one-way outcome is as extreme: 2 / 2^6.
    expect(mcnemarExact(0, 6).pValue).toBeCloseTo(2 / 64, 14);
    // (1 + 10 + 45) / 1024 doubled; R: binom.test(2, 10)$p.value = 0.109375.
    expect(mcnemarExact(2, 8).pValue).toBeCloseTo(112 / 1024, 14);
    expect(mcnemarExact(0, 10).pValue).toBeCloseTo(2 / 1024, 14);
    // R: binom.test(40, 100)$p.value = 0.05688793.
    expect(mcnemarExact(40, 60).pValue).toBeCloseTo(0.05688793, 7);
  });

  it("gives 1 when the systems never disagree or disagree evenly", () => {
    expect(mcnemarExact(0, 0).pValue).toBe(1);
    expect(mcnemarExact(5, 5).pValue).toBe(1);
    expect(mcnemarExact(3, 4).pValue).toBe(1);
  });

  it("stays exact for thousands of discordant problems", () => {
    for (const [b, c] of [
      [400, 500],
      [1000, 1100],
      [1500, 1510],
      [0, 1200],
    ] as const) {
      const expected = exactTwoSided(b, c);
      const actual = mcnemarExact(b, c).pValue;
      if (expected < 1e-300) expect(actual).toBeLessThan(1e-300);
      else expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-9);
    }
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(MetricsInputError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(/onlyFirst .* must be a non-negative integer, got 1.5/);
  });
});
