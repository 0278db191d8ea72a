export { assertSafeBinding, createSandboxServer, startSandboxServer, type SandboxServerOptions, type SubmitResponse } from "./sandbox-server";
export { parseSubmission, submissionSchema, type Submission, type SubmissionBody, type SubmissionLimits } from "./submission";
export { ConcurrencyGate } from "./concurrency-gate";
export { SandboxServerConfigError, ServerBusyError, SubmissionError } from "./errors";
