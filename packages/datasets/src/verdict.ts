import type { ExecutionResult, Executor } from "@cg/executor";
import type { Verdict } from "./types";

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

/** Runs a Python program that embeds its tests (human-eval's `tests` mode) and returns its verdict. */
export async function scoreTestsProgram(executor: Executor, source: string, wallSeconds: number): Promise<Verdict> {
  return verdictFrom(await executor.execute({ language: "python", source, limits: { wallSeconds } }));
}
