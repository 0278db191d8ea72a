/** Every verdict the executor can return for one program run. */
export const EXECUTION_STATUSES = [
  "passed",
  "failed",
  "runtime_error",
  "syntax_error",
  "timeout",
  "memory_limit",
  "output_limit",
  "sandbox_error",
] as const;

export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export interface ResourceLimits {
  /** Wall-clock limit; the program and everything it started are killed at this point. */
  wallSeconds: number;
  /** CPU-time limit (RLIMIT_CPU) of the program's main process. */
  cpuSeconds: number;
  /** Address-space limit (RLIMIT_AS) of each process. */
  memoryBytes: number;
  /** Maximum number of processes inside the sandbox (RLIMIT_NPROC). */
  processes: number;
  /** Largest file the program may write (RLIMIT_FSIZE); also bounds captured output. */
  fileBytes: number;
  /** How much of stdout and stderr is returned. */
  outputBytes: number;
}

/**
 * How a Python program is judged.
 * - `tests`: the program embeds its tests; it passes when it runs to the end without raising
 *   (OpenAI human-eval semantics, including empty globals so `__name__` is not `"__main__"`).
 * - `script`: a plain program run as `__main__`; it passes when it exits with status 0.
 */
export type PythonRunMode = "tests" | "script";

export interface ExecutionRequest {
  language: "python";
  source: string;
  mode?: PythonRunMode;
  /** Text given to the program on standard input (script mode). */
  stdin?: string;
  limits?: Partial<ResourceLimits>;
}

export interface ExecutionResult {
  status: ExecutionStatus;
  passed: boolean;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  wallMs: number;
  cpuMs: number;
  /** Peak resident memory of the program's main process, in KiB, when known. */
  maxRssKb: number | null;
  /** Python exception type (e.g. `AssertionError`), when the program raised one. */
  errorType?: string;
  errorMessage?: string;
  traceback?: string;
}

/** Anything that runs untrusted programs and returns typed verdicts. */
export interface Executor {
  execute(request: ExecutionRequest): Promise<ExecutionResult>;
  close(): Promise<void>;
}
