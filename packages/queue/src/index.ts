export { QueueUnavailableError } from "./errors";
export { RateBudgetWaitAbandonedError, SharedRateBudget } from "./shared-rate-budget";
export { QueuedEngine, type QueuedEngineOptions } from "./queued-engine";
export { DEFAULT_LOCK_DURATION_MS, QueueWorker, type QueueWorkerOptions, type WorkerRole } from "./queue-worker";
export { RedisRateBudget, type PerMinuteLimits } from "./redis-rate-budget";
export { listRuns, type RunStatus } from "./run-status";
export { JOB_ATTEMPTS, MAX_STALLED_COUNT } from "./jobs";
