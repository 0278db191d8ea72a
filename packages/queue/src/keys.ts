import { createHash } from "node:crypto";
import type { PerMinuteLimits } from "./redis-rate-budget";

/** Prefix of every key BullMQ and the queued engine write. */
export const PREFIX = "cg";

/** Candidates to score, from every run. */
export const EXECUTE_QUEUE = "execute";

/** Hash: generation queue name → its `GenerateQueueSpec` (JSON). Workers serve every queue listed. */
export const GENERATE_QUEUES_KEY = `${PREFIX}:generate-queues`;

/** Hash: run id → its `RunRecord` (JSON). */
export const RUNS_KEY = `${PREFIX}:runs`;

/** Hash of one run's counters: `done` and `failed` samples. */
export function runCountsKey(runId: string): string {
  return `${PREFIX}:run-counts:${runId}`;
}

function digest(...parts: Array<string | number | undefined>): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * One generation queue per model endpoint and rate limits. Jobs waiting on a shared rate budget
 * hold their worker's generation slots, so each budget gets its own queue (and slots): runs on
 * another endpoint, or without limits, are never held up behind them.
 */
export function generateQueueName(spec: string, baseUrl: string | undefined, limits: PerMinuteLimits | undefined): string {
  return `generate-${digest(spec, baseUrl, limits?.requestsPerMinute, limits?.tokensPerMinute).slice(0, 16)}`;
}

/**
 * Hash (`level`, `at`) of one token bucket of a model endpoint's shared rate budget. The limit is
 * part of the key: runs against the same endpoint with the same limit share one bucket.
 */
export function rateBucketKey(spec: string, baseUrl: string | undefined, unit: "requests" | "tokens", perMinute: number): string {
  return `${PREFIX}:rate-budget:${digest(spec, baseUrl).slice(0, 16)}:${unit}-per-minute:${perMinute}`;
}

/** Derived from (run, problem, sample), so that enqueueing the same sample again finds the same job. */
export function generateJobId(runId: string, taskId: string, sampleIndex: number): string {
  return `g-${runId}-${digest(taskId, sampleIndex).slice(0, 24)}`;
}

/** Derived from (run, problem, sample, code): one execution job per candidate. */
export function executeJobId(runId: string, taskId: string, sampleIndex: number, code: string): string {
  return `e-${runId}-${digest(taskId, sampleIndex, code).slice(0, 24)}`;
}

/** Derived like executeJobId, apart from it: the second judging of a candidate near the time limit. */
export function recheckJobId(runId: string, taskId: string, sampleIndex: number, code: string): string {
  return `r-${runId}-${digest(taskId, sampleIndex, code).slice(0, 24)}`;
}
