import { describe, expect, it } from "vitest";
import { bootstrapPassAt1, MetricsInputError, type ProblemCounts } from "../src/index.js";
import { createSeededRandom } from "../src/random.js";

function problemsFromRates(rates: readonly number[], n: number): ProblemCounts[] {
  return rates.map((rate, index) => ({ taskId: `task-${index}`, n, c: Math.round(rate * n) }));
}

const mixedProblems = problemsFromRates(
  Array.from({ length: 80 }, (_, index) => ((index * 7) % 11) / 10),
  10,
);

describe("createSeededRandom", () => {
  it("repeats its sequence for a seed and differs across seeds", () => {
    const first = createSeededRandom(42);
    const second = createSeededRandom(42);
    const other = createSeededRandom(43);
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, second)).toEqual(a);
    expect(Array.from({ length: 5 }, other)).not.toEqual(a);
  });

  it("draws roughly uniform values in [0, 1)", () => {
    const random = createSeededRandom(7);
    const bins = new Array<number>(10).fill(0);
    const draws = 100_000;
    let smallest = 1;
    let largest = 0;
    for (let i = 0; i < draws; i++) {
      const value = random();
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
      const bin = Math.floor(value * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    expect(smallest).toBeGreaterThanOrEqual(0);
    expect(largest).toBeLessThan(1);
    // Each bin count is Binomial(100000, 0.1): standard deviation about 95.
    for (const count of bins) expect(Math.abs(count - draws / 10)).toBeLessThan(500);
  });
});

describe("bootstrapPassAt1", () => {
  it("uses the documented defaults", () => {
    const interval = bootstrapPassAt1(mixedProblems);
    expect(interval.level).toBe(0.95);
    expect(interval.iterations).toBe(10_000);
    expect(interval.seed).toBe(0);
  });

  it("estimates the mean of per-problem c/n and brackets it", () => {
    const problems = [
      { taskId: "a", n: 10, c: 3 },
      { taskId: "b", n: 5, c: 5 },
      { taskId: "c", n: 20, c: 0 },
      { taskId: "d", n: 4, c: 1 },
    ];
    const interval = bootstrapPassAt1(problems, { seed: 1 });
    expect(interval.estimate).toBeCloseTo((0.3 + 1 + 0 + 0.25) / 4, 15);
    expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
    expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
    expect(interval.lower).toBeGreaterThanOrEqual(0);
    expect(interval.upper).toBeLessThanOrEqual(1);
  });

  it("contains the point estimate across seeds", () => {
    for (let seed = 0; seed < 20; seed++) {
      const interval = bootstrapPassAt1(mixedProblems, { seed, iterations: 2000 });
      expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
      expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
      expect(interval.lower).toBeLessThan(interval.upper);
    }
  });

  it("is deterministic under a seed", () => {
    const first = bootstrapPassAt1(mixedProblems, { seed: 1234 });
    const second = bootstrapPassAt1(mixedProblems, { seed: 1234 });
    const other = bootstrapPassAt1(mixedProblems, { seed: 1235 });
    expect(second).toEqual(first);
    expect([other.lower, other.upper]).not.toEqual([first.lower, first.upper]);
  });

  it("collapses to the estimate when every problem has the same rate", () => {
    const interval = bootstrapPassAt1(problemsFromRates([0.5, 0.5, 0.5], 4), { iterations: 500 });
    expect(interval).toMatchObject({ estimate: 0.5, lower: 0.5, upper: 0.5 });
  });

  it("widens with the level", () => {
    const narrow = bootstrapPassAt1(mixedProblems, { level: 0.5, seed: 3 });
    const wide = bootstrapPassAt1(mixedProblems, { level: 0.99, seed: 3 });
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it("has about the normal-theory width on a large benchmark", () => {
    const rates = Array.from({ length: 400 }, (_, index) => (index % 21) / 20);
    const problems = problemsFromRates(rates, 20);
    const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
    const variance = rates.reduce((sum, rate) => sum + (rate - mean) ** 2, 0) / rates.length;
    const normalHalfWidth = 1.959964 * Math.sqrt(variance / rates.length);
    const interval = bootstrapPassAt1(problems, { seed: 11 });
    const halfWidth = (interval.upper - interval.lower) / 2;
    expect(Math.abs(halfWidth / normalHalfWidth - 1)).toBeLessThan(0.05);
  });

  it("covers the true mean pass rate about 95% of the time on simulated benchmarks", () => {
    // A known population of problem difficulties: many always- or never-solved
    // problems and a spread in between, as real benchmarks tend to have.
    const population = [
      ...new Array<number>(30).fill(0),
      ...new Array<number>(30).fill(1),
      ...Array.from({ length: 60 }, (_, index) => (index + 0.5) / 60),
    ];
    const trueMean = population.reduce((sum, rate) => sum + rate, 0) / population.length;
    const random = createSeededRandom(2024);
    const datasets = 1000;
    const problemsPerDataset = 40;
    const samplesPerProblem = 10;
    let covered = 0;
    for (let dataset = 0; dataset < datasets; dataset++) {
      const problems: ProblemCounts[] = [];
      for (let problem = 0; problem < problemsPerDataset; problem++) {
        const rate = population[Math.floor(random() * population.length)] ?? Number.NaN;
        let passed = 0;
        for (let sample = 0; sample < samplesPerProblem; sample++) if (random() < rate) passed++;
        problems.push({ taskId: `p${problem}`, n: samplesPerProblem, c: passed });
      }
      const interval = bootstrapPassAt1(problems, { iterations: 1000, seed: dataset });
      if (interval.lower <= trueMean && trueMean <= interval.upper) covered++;
    }
    const coverage = covered / datasets;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });

  it.each([
    { name: "level 0", options: { level: 0 }, message: /level must be strictly between 0 and 1/ },
    { name: "level 1", options: { level: 1 }, message: /level must be strictly between 0 and 1/ },
    { name: "level as a percentage", options: { level: 95 }, message: /got 95/ },
    { name: "level NaN", options: { level: Number.NaN }, message: /level must be strictly between 0 and 1/ },
    { name: "zero iterations", options: { iterations: 0 }, message: /iterations must be a positive integer/ },
    { name: "fractional iterations", options: { iterations: 10.5 }, message: /iterations must be a positive integer/ },
    { name: "fractional seed", options: { seed: 0.5 }, message: /seed must be an integer/ },
  ])("rejects $name", ({ options, message }) => {
    expect(() => bootstrapPassAt1(mixedProblems, options)).toThrow(MetricsInputError);
    expect(() => bootstrapPassAt1(mixedProblems, options)).toThrow(message);
  });

  it("rejects invalid problem counts", () => {
    expect(() => bootstrapPassAt1([])).toThrow(/No problems given/);
    expect(() => bootstrapPassAt1([{ taskId: "a", n: 2, c: 3 }])).toThrow(MetricsInputError);
  });
});
