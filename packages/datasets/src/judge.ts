import type { JudgeResult, StepResult } from "@cg/executor";
import type { Verdict } from "./types";

/** A judge result as a dataset verdict: the first failing step's output, the whole run's time. */
export function verdictFromJudge(result: JudgeResult): Verdict {
  const steps: StepResult[] = [...(result.compile ? [result.compile] : []), ...result.tests];
  const failing = result.failedTest !== undefined ? result.tests.find((t) => t.index === result.failedTest) : result.compile && !result.passed ? result.compile : undefined;
  return {
    passed: result.passed,
    status: result.status,
    ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
    wallMs: steps.reduce((sum, step) => sum + step.wallMs, 0),
    cpuMs: steps.reduce((sum, step) => sum + step.cpuMs, 0),
    stdout: failing?.stdout ?? "",
    stderr: failing?.stderr ?? "",
  };
}
