import type { ProblemCounts } from "./counts.js";
import { MetricsInputError } from "./errors.js";

// Input checks shared by the metrics. Each failure names the bad value so the
// caller can see which count or option to fix.

export function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MetricsInputError(`${name} must be a non-negative integer, got ${value}.`);
  }
}

export function assertValidK(k: number): void {
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new MetricsInputError(`k must be a positive integer (pass@1, pass@10, ...), got ${k}.`);
  }
}

/**
 * Rejects problem lists no metric can be computed from: empty lists, repeated
 * task ids (their samples should have been counted together) and impossible counts.
 */
export function assertValidProblemCounts(problems: readonly ProblemCounts[]): void {
  if (problems.length === 0) {
    throw new MetricsInputError("No problems given: at least one problem's counts are needed.");
  }
  const seen = new Set<string>();
  for (const { taskId, n, c } of problems) {
    const task = `task ${JSON.stringify(taskId)}`;
    if (seen.has(taskId)) {
      throw new MetricsInputError(
        `${task} appears more than once; count all of its samples in one entry.`,
      );
    }
    seen.add(taskId);
    assertNonNegativeInteger(`n (samples generated) for ${task}`, n);
    assertNonNegativeInteger(`c (samples passed) for ${task}`, c);
    if (n === 0) {
      throw new MetricsInputError(
        `${task} has no samples (n=0); generate at least one or drop the task.`,
      );
    }
    if (c > n) {
      throw new MetricsInputError(
        `${task} has more passes than samples: c=${c}, n=${n}.`,
      );
    }
  }
}
