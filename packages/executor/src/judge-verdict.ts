import { EXECUTION_STATUSES, type ExecutionResult, type ExecutionStatus, type JudgeResult, type OutputMismatch, type StepResult, type TestResult } from "./types";

/** A step as the fork server reports it. */
export interface RawStep extends Partial<Omit<StepResult, "status">> {
  kind?: "compile" | "test";
  status?: string;
  mismatch?: OutputMismatch;
}

const STATUS_LABEL: Partial<Record<ExecutionStatus, string>> = {
  wrong_answer: "wrong answer",
  runtime_error: "runtime error",
  timeout: "time limit exceeded",
  memory_limit: "memory limit exceeded",
  output_limit: "output limit exceeded",
  sandbox_error: "sandbox error",
};

function isStatus(value: unknown): value is ExecutionStatus {
  return typeof value === "string" && (EXECUTION_STATUSES as readonly string[]).includes(value);
}

/** The process fields of a fork-server reply, with defaults for what a dying sandbox left out. */
export function toStep(raw: RawStep): StepResult {
  return {
    status: isStatus(raw.status) ? raw.status : "sandbox_error",
    exitCode: raw.exitCode ?? null,
    signal: raw.signal ?? null,
    stdout: raw.stdout ?? "",
    stderr: raw.stderr ?? "",
    stdoutTruncated: raw.stdoutTruncated ?? false,
    stderrTruncated: raw.stderrTruncated ?? false,
    wallMs: raw.wallMs ?? 0,
    cpuMs: raw.cpuMs ?? 0,
    maxRssKb: raw.maxRssKb ?? null,
    ...(raw.errorMessage !== undefined ? { errorMessage: raw.errorMessage } : {}),
  };
}

/** The line of a compiler's output most worth showing: the first error, else the first line. */
function firstDiagnostic(step: StepResult): string {
  const lines = `${step.stderr}\n${step.stdout}`.split("\n").map((line) => line.trim()).filter(Boolean);
  const line = lines.find((text) => /\berror\b/i.test(text)) ?? lines[0];
  return (line ?? step.errorMessage ?? "the compiler failed").slice(0, 300);
}

/** The line of a failing program's stderr that names the failure (an exception, a panic), if any. */
function failureLine(step: StepResult): string | undefined {
  const lines = step.stderr.split("\n").map((text) => text.trim()).filter(Boolean);
  const line = lines.find((text) => /error|exception|panic|abort|terminate/i.test(text)) ?? lines.pop();
  return line?.slice(0, 300);
}

/** Assembles the verdict of a program from the compile step and the tests that ran. */
export function toJudgeResult(language: string, rawSteps: readonly RawStep[], testCount: number): JudgeResult {
  let compile: StepResult | undefined;
  const tests: TestResult[] = [];
  for (const raw of rawSteps) {
    if (raw.kind === "compile") compile = toStep(raw);
    else tests.push({ ...toStep(raw), index: tests.length, ...(raw.mismatch ? { mismatch: raw.mismatch } : {}) });
  }
  const base = { language, ...(compile ? { compile } : {}), tests };
  if (compile && compile.status !== "passed") {
    const reason = compile.status === "compile_error" ? `compile error: ${firstDiagnostic(compile)}` : compile.errorMessage;
    return { ...base, status: compile.status, passed: false, errorMessage: reason ?? compile.status };
  }
  const failed = tests.find((test) => test.status !== "passed");
  if (failed) {
    const detail = failed.status === "runtime_error" ? failureLine(failed) : undefined;
    const reason = [STATUS_LABEL[failed.status] ?? failed.status, failed.errorMessage, detail].filter(Boolean).join(": ");
    return {
      ...base,
      status: failed.status,
      passed: false,
      failedTest: failed.index,
      errorMessage: `test ${failed.index + 1} of ${testCount}: ${reason}`,
    };
  }
  if (tests.length < testCount) {
    return { ...base, status: "sandbox_error", passed: false, errorMessage: `only ${tests.length} of ${testCount} tests ran` };
  }
  return { ...base, status: "passed", passed: true };
}

/** A verdict for a request that never reached a sandbox, or whose sandbox failed. */
export function judgeFailure(language: string, status: ExecutionStatus, message: string): JudgeResult {
  return { language, status, passed: false, tests: [], errorMessage: message };
}

/** A single-run program's verdict in the shape `execute` returns. */
export function toExecutionResult(result: JudgeResult): ExecutionResult {
  const step: StepResult | undefined = result.tests[0] ?? result.compile;
  return {
    status: result.status,
    passed: result.passed,
    exitCode: step?.exitCode ?? null,
    signal: step?.signal ?? null,
    stdout: step?.stdout ?? "",
    stderr: step?.stderr ?? "",
    stdoutTruncated: step?.stdoutTruncated ?? false,
    stderrTruncated: step?.stderrTruncated ?? false,
    wallMs: step?.wallMs ?? 0,
    cpuMs: step?.cpuMs ?? 0,
    maxRssKb: step?.maxRssKb ?? null,
    ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
  };
}
