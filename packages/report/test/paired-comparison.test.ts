import { mcnemarExact, pairedBootstrapPassAt1 } from "@cg/metrics";
import { describe, expect, it } from "vitest";
import { comparePaired } from "../src/paired-comparison";

function counts(entries: Array<[number, number, number]>): Map<number, { n: number; c: number }> {
  return new Map(entries.map(([problem, n, c]) => [problem, { n, c }]));
}

describe("comparePaired", () => {
  it("uses McNemar's exact test with one sample per problem and lists wins and losses", () => {
    // Problems 0-5 only A solves, 6 only B, 7-8 both, 9 neither; 10 is B's alone and 11 has no scored sample.
    const a = counts([[0, 1, 1], [1, 1, 1], [2, 1, 1], [3, 1, 1], [4, 1, 1], [5, 1, 1], [6, 1, 0], [7, 1, 1], [8, 1, 1], [9, 1, 0], [11, 0, 0]]);
    const b = counts([[0, 1, 0], [1, 1, 0], [2, 1, 0], [3, 1, 0], [4, 1, 0], [5, 1, 0], [6, 1, 1], [7, 1, 1], [8, 1, 1], [9, 1, 0], [10, 1, 1], [11, 1, 1]]);
    const result = comparePaired("A", a, "B", b)!;
    expect(result.shared).toBe(10);
    expect(result.wins.map((d) => d.problem)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.losses.map((d) => d.problem)).toEqual([6]);
    expect(result.ties).toBe(3);
    expect(result.firstPassAt1).toBeCloseTo(0.8, 12);
    expect(result.secondPassAt1).toBeCloseTo(0.3, 12);
    // 2 · P(X <= 1), X ~ Binomial(7, 1/2) = 2 · 8/128.
    expect(result.test).toMatchObject({ name: "McNemar's exact test", interval: null });
    expect(result.test.pValue).toBeCloseTo(16 / 128, 14);
    expect(result.test.pValue).toBe(mcnemarExact(6, 1).pValue);
    expect(result.sentence).toBe(
      "A and B are within noise of each other: pass@1 80.0% against 30.0% on the 10 problems both runs scored (+50.0 points; McNemar's exact test, p = 0.125). A difference this size is well explained by chance; more problems or samples are needed to tell them apart.",
    );
  });

  it("says which run is better when the difference is beyond noise", () => {
    const a = counts(Array.from({ length: 12 }, (_, i): [number, number, number] => [i, 1, 1]));
    const b = counts(Array.from({ length: 12 }, (_, i): [number, number, number] => [i, 1, i < 2 ? 1 : 0]));
    const result = comparePaired("direct", a, "codesim", b)!;
    expect(result.test.pValue).toBeCloseTo(2 / 1024, 12);
    expect(result.sentence).toMatch(/^direct does better than codesim: pass@1 100\.0% against 16\.7% on the 12 problems both runs scored \(\+83\.3 points; McNemar's exact test, p = 0\.0020\)\. A difference this large would be unlikely/);
  });

  it("uses a paired bootstrap over problems with several samples, with an interval", () => {
    const a = counts([[0, 5, 5], [1, 5, 4], [2, 5, 0], [3, 5, 3]]);
    const b = counts([[0, 5, 3], [1, 5, 4], [2, 5, 1], [3, 5, 1]]);
    const result = comparePaired("A", a, "B", b)!;
    const expected = pairedBootstrapPassAt1(
      [0, 1, 2, 3].map((p) => ({ taskId: String(p), ...a.get(p)! })),
      [0, 1, 2, 3].map((p) => ({ taskId: String(p), ...b.get(p)! })),
    );
    expect(result.test.name).toBe("paired bootstrap over problems (10,000 resamples)");
    expect(result.test.pValue).toBe(expected.pValue);
    expect(result.test.interval).toEqual({ lower: expected.lower, upper: expected.upper, level: 0.95 });
    expect(result.wins.map((d) => d.problem)).toEqual([0, 3]);
    expect(result.losses.map((d) => d.problem)).toEqual([2]);
    expect(result.sentence).toContain("95% interval of the difference");
  });

  it("returns null when the runs share no scored problem", () => {
    expect(comparePaired("A", counts([[0, 1, 1]]), "B", counts([[1, 1, 1]]))).toBeNull();
  });
});
