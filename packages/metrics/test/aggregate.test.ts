import { describe, expect, it } from "vitest";
import { aggregatePassAtK, countSamples, DEFAULT_KS, MetricsInputError } from "../src/index.js";
import { exactPassAtK } from "./exact-pass-at-k.js";

const TOLERANCE = 1e-12;

describe("aggregatePassAtK", () => {
  it("reports per-problem estimates and their mean, keyed like human-eval", () => {
    const report = aggregatePassAtK(
      [
        { taskId: "a", n: 5, c: 2 },
        { taskId: "b", n: 5, c: 0 },
        { taskId: "c", n: 5, c: 5 },
      ],
      [1, 2],
    );
    expect(report.ks).toEqual([1, 2]);
    expect(report.excludedKs).toEqual([]);
    expect(report.problems.map((p) => p.taskId)).toEqual(["a", "b", "c"]);
    expect(report.problems[0]).toMatchObject({ taskId: "a", n: 5, c: 2 });
    expect(report.problems[0]?.passAtK["pass@1"]).toBeCloseTo(0.4, 15);
    expect(report.problems[0]?.passAtK["pass@2"]).toBeCloseTo(0.7, 15);
    expect(report.problems[1]?.passAtK).toEqual({ "pass@1": 0, "pass@2": 0 });
    expect(report.problems[2]?.passAtK).toEqual({ "pass@1": 1, "pass@2": 1 });
    expect(Object.keys(report.aggregate)).toEqual(["pass@1", "pass@2"]);
    expect(Math.abs((report.aggregate["pass@1"] ?? Number.NaN) - (0.4 + 0 + 1) / 3)).toBeLessThan(TOLERANCE);
    expect(Math.abs((report.aggregate["pass@2"] ?? Number.NaN) - (0.7 + 0 + 1) / 3)).toBeLessThan(TOLERANCE);
  });

  it("drops every k that exceeds some problem's sample count", () => {
    const report = aggregatePassAtK(
      [
        { taskId: "a", n: 200, c: 13 },
        { taskId: "b", n: 10, c: 1 },
        { taskId: "c", n: 200, c: 150 },
      ],
      [1, 10, 100],
    );
    expect(report.ks).toEqual([1, 10]);
    expect(report.excludedKs).toEqual([100]);
    expect(Object.keys(report.aggregate)).toEqual(["pass@1", "pass@10"]);
    for (const problem of report.problems) {
      expect(Object.keys(problem.passAtK)).toEqual(["pass@1", "pass@10"]);
    }
    const expectedPassAt10 = (exactPassAtK(200, 13, 10) + exactPassAtK(10, 1, 10) + exactPassAtK(200, 150, 10)) / 3;
    expect(Math.abs((report.aggregate["pass@10"] ?? Number.NaN) - expectedPassAt10)).toBeLessThan(TOLERANCE);
  });

  it("reports nothing when no requested k fits every problem", () => {
    const report = aggregatePassAtK([{ taskId: "a", n: 3, c: 1 }], [5, 10]);
    expect(report.ks).toEqual([]);
    expect(report.excludedKs).toEqual([5, 10]);
    expect(report.aggregate).toEqual({});
    expect(report.problems).toEqual([{ taskId: "a", n: 3, c: 1, passAtK: {} }]);
  });

  it("matches exact per-problem values averaged, on a larger benchmark", () => {
    const problems = Array.from({ length: 164 }, (_, index) => ({
      taskId: `HumanEval/${index}`,
      n: 200,
      c: (index * 37) % 201,
    }));
    const report = aggregatePassAtK(problems);
    expect(report.ks).toEqual([...DEFAULT_KS]);
    for (const k of DEFAULT_KS) {
      const expected = problems.reduce((sum, { n, c }) => sum + exactPassAtK(n, c, k), 0) / problems.length;
      expect(Math.abs((report.aggregate[`pass@${k}`] ?? Number.NaN) - expected)).toBeLessThan(TOLERANCE);
    }
  });

  it("aggregates counts built from sample results", () => {
    const samples = [
      ...Array.from({ length: 10 }, (_, i) => ({ taskId: "x", passed: i < 3 })),
      ...Array.from({ length: 10 }, (_, i) => ({ taskId: "y", passed: i < 8 })),
    ];
    const report = aggregatePassAtK(countSamples(samples), [1, 5]);
    expect(report.aggregate["pass@1"]).toBeCloseTo((0.3 + 0.8) / 2, 15);
    const expectedPassAt5 = (exactPassAtK(10, 3, 5) + exactPassAtK(10, 8, 5)) / 2;
    expect(Math.abs((report.aggregate["pass@5"] ?? Number.NaN) - expectedPassAt5)).toBeLessThan(TOLERANCE);
  });

  it("ignores repeated ks", () => {
    const report = aggregatePassAtK([{ taskId: "a", n: 10, c: 4 }], [1, 1, 5, 1]);
    expect(report.ks).toEqual([1, 5]);
  });

  it.each([
    { name: "no problems", problems: [], ks: [1], message: /No problems given/ },
    {
      name: "a repeated task",
      problems: [
        { taskId: "a", n: 5, c: 1 },
        { taskId: "a", n: 5, c: 2 },
      ],
      ks: [1],
      message: /task "a" appears more than once/,
    },
    { name: "a task without samples", problems: [{ taskId: "a", n: 0, c: 0 }], ks: [1], message: /task "a" has no samples/ },
    { name: "more passes than samples", problems: [{ taskId: "a", n: 3, c: 4 }], ks: [1], message: /more passes than samples: c=4, n=3/ },
    { name: "fractional counts", problems: [{ taskId: "a", n: 3.5, c: 1 }], ks: [1], message: /n \(samples generated\) for task "a"/ },
    { name: "negative passes", problems: [{ taskId: "a", n: 3, c: -1 }], ks: [1], message: /c \(samples passed\) for task "a"/ },
    { name: "k = 0", problems: [{ taskId: "a", n: 3, c: 1 }], ks: [0], message: /k must be a positive integer/ },
    { name: "fractional k", problems: [{ taskId: "a", n: 3, c: 1 }], ks: [1.5], message: /k must be a positive integer/ },
  ])("rejects $name", ({ problems, ks, message }) => {
    expect(() => aggregatePassAtK(problems, ks)).toThrow(MetricsInputError);
    expect(() => aggregatePassAtK(problems, ks)).toThrow(message);
  });
});
