import type { ExecutionStatus, ProgramJudge, ResourceLimits, StepResult } from "@cg/executor";
import { autoCodeBenchLanguage, definitionOf, languageNamed, type AutoCodeBenchLanguage } from "./languages";
import { spliceAutoCodeBench } from "./splice";

/** AutoCodeBench's verdicts (`exec_outcome`). */
export const AUTOCODEBENCH_OUTCOMES = [
  "PASSED",
  "WRONG_ANSWER",
  "TIME_LIMIT_EXCEEDED",
  "COMPILATION_ERROR",
  "SYNTAX_ERROR",
  "RUNTIME_ERROR",
  "INTERNAL_ERROR",
  "ARGUMENT_ERROR",
  "UNKNOWN_ERROR",
] as const;

export type AutoCodeBenchOutcome = (typeof AUTOCODEBENCH_OUTCOMES)[number];

/** One program's run, in AutoCodeBench's terms and in the executor's. */
export interface AutoCodeBenchRun {
  outcome: AutoCodeBenchOutcome;
  /** The universal language name. */
  language: string;
  /** The executor's verdict of the step that decided the outcome. */
  status: ExecutionStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The compiler's output, when compiling failed. */
  compileMessage: string;
  /** The program's error output, or why it did not run, when it failed. */
  runtimeMessage: string;
  wallMs: number;
  cpuMs: number;
}

export interface AutoCodeBenchRunOptions {
  /** The request's timeout; AutoCodeBench adds a per-language allowance. Default 5, AutoCodeBench's. */
  timeoutSeconds?: number;
  /** Other limits of the compile and run steps (memory, processes, output). */
  limits?: Partial<Omit<ResourceLimits, "wallSeconds">>;
  /** Cancels the run: its sandbox is killed and the call rejects with the executor's ExecutionAbortedError. */
  signal?: AbortSignal;
}

/** AutoCodeBench's timeout when a request gives none. */
export const AUTOCODEBENCH_DEFAULT_TIMEOUT_SECONDS = 5;

/**
 * Runs one program as AutoCodeBench runs it, on the executor's sandbox (an ExecutionPool):
 * compile if the language compiles, run once, and judge by exit status, timeout and the
 * language's failure words in the output.
 */
export async function runAutoCodeBenchProgram(sandbox: ProgramJudge, languageName: string, source: string, options: AutoCodeBenchRunOptions = {}): Promise<AutoCodeBenchRun> {
  const language = languageNamed(languageName);
  if (language.name === "php" && !hasPhpTags(source)) {
    return { ...emptyRun(language.name, "SYNTAX_ERROR", "runtime_error"), runtimeMessage: "Syntax error detected: a PHP program must open with a lone <?php line and end with a ?> line" };
  }
  const wallSeconds = (options.timeoutSeconds ?? AUTOCODEBENCH_DEFAULT_TIMEOUT_SECONDS) + language.extraSeconds;
  // Compilers and VMs run several threads, all counted in the process's CPU time.
  const limits = { ...options.limits, wallSeconds, cpuSeconds: 2 * wallSeconds };
  const result = await sandbox.judge(
    { language: definitionOf(language), source, tests: [{ input: "" }], limits, compileLimits: limits },
    options.signal ? { signal: options.signal } : {},
  );
  const run = result.tests[0];
  const compile = result.compile;
  if (!run) {
    if (compile && compile.status !== "passed") {
      return fromStep(language.name, compile.status === "timeout" ? "TIME_LIMIT_EXCEEDED" : "COMPILATION_ERROR", compile, { compileMessage: compile.stderr || compile.stdout });
    }
    const outcome: AutoCodeBenchOutcome = "INTERNAL_ERROR";
    return { ...emptyRun(language.name, outcome, result.status), runtimeMessage: result.errorMessage ?? `the program did not run (${result.status})` };
  }
  return fromStep(language.name, runOutcome(run, language), run, {});
}

function runOutcome(step: StepResult, language: AutoCodeBenchLanguage): AutoCodeBenchOutcome {
  switch (step.status) {
    case "passed": {
      const output = step.stdout + step.stderr;
      return language.failurePatterns.some((pattern) => output.includes(pattern)) ? "WRONG_ANSWER" : "PASSED";
    }
    case "timeout":
      return "TIME_LIMIT_EXCEEDED";
    case "sandbox_error":
    case "toolchain_missing":
      return "INTERNAL_ERROR";
    default:
      return "RUNTIME_ERROR";
  }
}

function fromStep(language: string, outcome: AutoCodeBenchOutcome, step: StepResult, messages: { compileMessage?: string }): AutoCodeBenchRun {
  const failed = outcome !== "PASSED";
  return {
    outcome,
    language,
    status: step.status,
    exitCode: step.exitCode,
    stdout: step.stdout,
    stderr: step.stderr,
    compileMessage: messages.compileMessage ?? "",
    runtimeMessage: failed && outcome !== "COMPILATION_ERROR" ? failureOutput(step) : "",
    wallMs: step.wallMs,
    cpuMs: step.cpuMs,
  };
}

/**
 * What a failed program printed: test harnesses (`go test`, JUnit's launcher, Rust's, ExUnit) and
 * shell tests report the failed check on stdout, so stdout follows stderr; the executor's account
 * of the failure when the program printed nothing.
 */
function failureOutput(step: StepResult): string {
  const printed = [step.stderr, step.stdout].filter((text) => text.trim() !== "").join("\n");
  return printed || step.errorMessage || "";
}

function emptyRun(language: string, outcome: AutoCodeBenchOutcome, status: ExecutionStatus): AutoCodeBenchRun {
  return { outcome, language, status, exitCode: null, stdout: "", stderr: "", compileMessage: "", runtimeMessage: "", wallMs: 0, cpuMs: 0 };
}

/** AutoCodeBench's check of PHP programs: one `<?php`, alone on the first line, and a last line `?>`. */
function hasPhpTags(source: string): boolean {
  if ((source.match(/<\?php/g) ?? []).length !== 1) return false;
  const lines = source.split("\n");
  if (!/^<\?php\s*$/.test(lines[0]!)) return false;
  const tail = lines[lines.length - 1] === "" ? lines[lines.length - 2] : lines[lines.length - 1];
  return tail !== undefined && /^\s*\?>$/.test(tail);
}

/** Joins a solution and tests as AutoCodeBench does, then runs the joined program. */
export async function runAutoCodeBenchSolution(
  sandbox: ProgramJudge,
  languageName: string,
  solution: string,
  tests: string,
  options?: AutoCodeBenchRunOptions,
): Promise<AutoCodeBenchRun & { source: string }> {
  const source = spliceAutoCodeBench(autoCodeBenchLanguage(languageName), solution, tests);
  return { ...(await runAutoCodeBenchProgram(sandbox, languageName, source, options)), source };
}
