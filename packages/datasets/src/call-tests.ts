import type { Sandbox, Verdict } from "./types";
import { verdictFrom } from "./verdict";

/** The exception a call-test program raises when the function returns the wrong value. */
export const WRONG_ANSWER_EXCEPTION = "CgWrongAnswer";

/**
 * Runs `program + test` for each call-test program in order, each a fresh sandboxed run, and
 * stops at the first that fails. A test that raises WRONG_ANSWER_EXCEPTION is `wrong_answer`.
 */
export async function runPythonCallTests(
  sandbox: Sandbox,
  program: string,
  testPrograms: readonly string[],
  wallSeconds: number,
): Promise<Verdict & { failedTest?: number }> {
  let wallMs = 0;
  let cpuMs = 0;
  for (const [index, testProgram] of testPrograms.entries()) {
    const result = await sandbox.execute({ language: "python", source: program, tests: `\n${testProgram}\n`, limits: { wallSeconds } });
    wallMs += result.wallMs;
    cpuMs += result.cpuMs;
    if (!result.passed) {
      const wrongAnswer = result.errorType === WRONG_ANSWER_EXCEPTION;
      return {
        ...verdictFrom(result),
        ...(wrongAnswer ? { status: "wrong_answer" as const, errorType: "WrongAnswer" } : {}),
        errorMessage: `test ${index + 1} of ${testPrograms.length}: ${result.errorMessage ?? result.status}`,
        wallMs,
        cpuMs,
        failedTest: index,
      };
    }
  }
  return { passed: true, status: "passed", wallMs, cpuMs, stdout: "", stderr: "" };
}
