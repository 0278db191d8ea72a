export {
  assertSafeBinding,
  createSandboxServer,
  startSandboxServer,
  type SandboxServerOptions,
  type ServedExecutor,
  type SubmitResponse,
} from "./sandbox-server";
export { parseSubmission, submissionSchema, type Submission, type SubmissionBody, type SubmissionLimits } from "./submission";
export { ConcurrencyGate } from "./concurrency-gate";
export type { HealthReport } from "./health";
export type { ListeningAddress } from "./listening-address";
export { SandboxServerConfigError, ServerBusyError, SubmissionCancelledError, SubmissionError } from "./errors";
