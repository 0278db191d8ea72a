export { ExecutionPool, type ExecutionPoolOptions } from "./execution-pool";
export { DEFAULT_LIMITS, resolveLimits } from "./limits";
export { SandboxUnavailableError, ExecutorClosedError } from "./errors";
export { buildLaunchCommand, defaultPythonPath, findExecutable, type PythonGuard, type SandboxKind, type SandboxOptions, type LaunchCommand } from "./sandbox-command";
export {
  EXECUTION_STATUSES,
  type ExecutionStatus,
  type ExecutionRequest,
  type ExecutionResult,
  type Executor,
  type PythonRunMode,
  type ResourceLimits,
} from "./types";
