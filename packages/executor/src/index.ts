export { ExecutionPool, type ExecutionPoolOptions, type PoolHealth } from "./execution-pool";
export { DEFAULT_LIMITS, resolveLimits } from "./limits";
export { DEFAULT_COMPILE_LIMITS } from "./program-job";
export { SandboxUnavailableError, ExecutorClosedError, ExecutionAbortedError, UnknownLanguageError } from "./errors";
export { buildLaunchCommand, defaultPythonPath, findExecutable, type PythonGuard, type SandboxKind, type SandboxOptions, type LaunchCommand } from "./sandbox-command";
export { LANGUAGES, findLanguage } from "./languages";
export type { LanguageDefinition } from "./languages/language";
export type { Toolchain } from "@cg/languages";
export { findToolchain, installHint, missingToolchainMessage, toolchainVersion, type ToolchainStatus } from "./toolchains";
export { defaultToolchainCacheDir } from "./toolchain-cache";
export {
  EXECUTION_STATUSES,
  type ExecutionStatus,
  type ExecutionRequest,
  type ExecutionResult,
  type Executor,
  type JudgeRequest,
  type JudgeResult,
  type OutputComparison,
  type OutputMismatch,
  type ProgramJudge,
  type PythonRunMode,
  type ResourceLimits,
  type RunOptions,
  type StepResult,
  type TestCase,
  type TestResult,
} from "./types";
export {
  parseProgramBatch,
  programBatchLineSchema,
  ProgramBatchError,
  type BatchLineProblem,
  type BatchProgram,
  type ProgramBatchDefaults,
  type ProgramBatchLine,
} from "./program-batch";
export { judgeBatch, type BatchVerdict, type JudgeBatchOptions } from "./judge-batch";
