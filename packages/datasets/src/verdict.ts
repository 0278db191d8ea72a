import type { ExecutionResult } from "@cg/executor";
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
