import { describe, expect, it } from "vitest";
import { MetricsInputError, pairedBootstrapPassAt1, type ProblemCounts } from "../src/index.js";
import { createSeededRandom } from "../src/random.js";

function counts(cs: readonly number[], n: number): ProblemCounts[] {
  return cs.map((c, index) => ({ taskId: `t${index}`, n, c }));
}

/** Binomial(n, p) draws from a seeded generator. */
function binomial(random: () => number, n: number, p: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (random() < p) c++;
  return c;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe("pairedBootstrapPassAt1", () => {
  it("returns the constant difference with a zero-width interval and the smallest p-value", () => {
    const result = pairedBootstrapPassAt1(counts([3, 2, 5], 5), counts([1, 0, 3], 5), { iterations: 999 });
    expect(result.estimate).toBeCloseTo(0.4, 14);
    expect(result.lower).toBeCloseTo(0.4, 14);
    expect(result.upper).toBeCloseTo(0.4, 14);
    expect(result.pValue).toBeCloseTo(1 / 1000, 14);
  });

  it("finds no difference between identical systems", () => {
    const result = pairedBootstrapPassAt1(counts([3, 0, 5, 1], 5), counts([3, 0, 5, 1], 5));
    expect(result).toMatchObject({ estimate: 0, lower: 0, upper: 0, pValue: 1 });
  });

  it("matches the hand-computed bootstrap distribution of two problems", () => {
    // Differences {0, 1}: resampled means are 0, 1/2, 1 with probabilities 1/4, 1/2, 1/4.
    // The 95% interval spans [0, 1]; |d* - 1/2| >= 1/2 for d* in {0, 1}, so p is about 1/2.
    const result = pairedBootstrapPassAt1(counts([1, 1], 1), counts([1, 0], 1), { iterations: 20_000, seed: 3 });
    expect(result.estimate).toBe(0.5);
    expect(result.lower).toBe(0);
    expect(result.upper).toBe(1);
    expect(Math.abs(result.pValue - 0.5)).toBeLessThan(0.015);
  });

  it("is deterministic under a seed", () => {
    const a = counts([3, 2, 5, 0, 4, 1], 5);
    const b = counts([2, 2, 4, 1, 5, 0], 5);
    expect(pairedBootstrapPassAt1(a, b, { seed: 9 })).toEqual(pairedBootstrapPassAt1(a, b, { seed: 9 }));
    expect(pairedBootstrapPassAt1(a, b, { seed: 9 })).not.toEqual(pairedBootstrapPassAt1(a, b, { seed: 10 }));
  });

  /**
   * Problems of random difficulty z ~ N(0, 1); the first system solves one with probability
   * sigmoid(z + shift), the second with sigmoid(z); 5 samples each on 100 problems per benchmark.
   */
  function simulate(shift: number, benchmarks: number): { covered: number; rejected: number } {
    const random = createSeededRandom(2024);
    let truth = 0;
    const population = 200_000;
    for (let i = 0; i < population; i++) {
      const z = normal(random);
      truth += sigmoid(z + shift) - sigmoid(z);
    }
    truth /= population;
    let covered = 0;
    let rejected = 0;
    for (let b = 0; b < benchmarks; b++) {
      const first: ProblemCounts[] = [];
      const second: ProblemCounts[] = [];
      for (let i = 0; i < 100; i++) {
        const z = normal(random);
        first.push({ taskId: `t${i}`, n: 5, c: binomial(random, 5, sigmoid(z + shift)) });
        second.push({ taskId: `t${i}`, n: 5, c: binomial(random, 5, sigmoid(z)) });
      }
      const result = pairedBootstrapPassAt1(first, second, { iterations: 1000, seed: b });
      if (result.lower <= truth && truth <= result.upper) covered++;
      if (result.pValue < 0.05) rejected++;
    }
    return { covered, rejected };
  }

  it("covers the true difference about 95% of the time on simulated benchmarks", () => {
    // 300 benchmarks: a 95% interval's coverage count has standard deviation about 3.8.
    const { covered } = simulate(0.4, 300);
    expect(covered / 300).toBeGreaterThan(0.9);
    expect(covered / 300).toBeLessThan(0.99);
  });

  it("rejects equal systems about 5% of the time at p < 0.05", () => {
    const { rejected, covered } = simulate(0, 300);
    expect(rejected / 300).toBeLessThan(0.1);
    expect(rejected).toBeGreaterThan(2);
    expect(covered / 300).toBeGreaterThan(0.9);
  });

  it("refuses systems scored on different problems", () => {
    expect(() => pairedBootstrapPassAt1(counts([1, 2], 5), counts([1], 5))).toThrow(MetricsInputError);
    expect(() =>
      pairedBootstrapPassAt1([{ taskId: "a", n: 1, c: 1 }], [{ taskId: "b", n: 1, c: 0 }]),
    ).toThrow(/task "a" is on one side only/);
  });
});
