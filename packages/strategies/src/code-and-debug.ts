import type { Candidate } from "@cg/datasets";
import { programText } from "./candidate.js";
import { failureLog } from "./problem-text.js";
import type { StrategyRun, TestOutcome } from "./strategy-run.js";

export interface CodeAndDebugSteps {
  /** Plan try or plan rank this belongs to. */
  round: number;
  codingPrompt: string;
  /** Debugging calls allowed after the first failing run; 0 disables debugging. */
  maxDebugTry: number;
  /** Builds a debugging prompt from the current program and the failures of its last run. */
  debuggingPrompt: (program: string, failures: string) => string;
}

export interface RoundOutcome {
  /** The sample tests passed, or there were none to run. */
  passed: boolean;
  /** The last code extracted in this round; undefined when no answer contained code. */
  candidate: Candidate | undefined;
  last: TestOutcome;
}

/**
 * A coding call and a sample-test run, then while the tests fail up to `maxDebugTry` debugging
 * calls, each followed by a run. An answer without code is a failed attempt; the last code that
 * was extracted stays the one shown to the next debugging call.
 */
export async function codeAndDebug(run: StrategyRun, steps: CodeAndDebugSteps): Promise<RoundOutcome> {
  const { round } = steps;
  const answer = await run.ask({ step: "code", round }, steps.codingPrompt);
  let last = await run.test({ step: "code", round }, answer);
  let candidate = last.code === "" ? undefined : last.candidate;
  for (let attempt = 1; !last.passed && attempt <= steps.maxDebugTry; attempt += 1) {
    const program = candidate ? programText(run.problem, candidate) : "";
    const fix = await run.ask({ step: "debug", round, attempt }, steps.debuggingPrompt(program, failureLog(last.report, run.problem.language)));
    last = await run.test({ step: "debug", round, attempt }, fix);
    if (last.code !== "") candidate = last.candidate;
  }
  return { passed: last.passed, candidate, last };
}
