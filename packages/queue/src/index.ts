export { QueueUnavailableError } from "./errors";
export { QueuedEngine, type QueuedEngineOptions } from "./queued-engine";
export { DEFAULT_LOCK_DURATION_MS, QueueWorker, type QueueWorkerOptions, type WorkerRole } from "./queue-worker";
export { listRuns, type RunStatus } from "./run-status";
export { JOB_ATTEMPTS } from "./jobs";
