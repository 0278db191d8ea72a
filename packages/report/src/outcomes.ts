/**
 * What became of a sample, one character each so that a run's outcomes embed compactly: the
 * sandbox's verdicts, plus `model_error` for a sample the model side failed to produce. The
 * verdicts of function tests and of stdin/stdout judging that mean the same share an outcome.
 */
export const OUTCOMES = [
  { code: "P", statuses: ["passed"], label: "passed" },
  { code: "W", statuses: ["failed", "wrong_answer"], label: "wrong answer" },
  { code: "R", statuses: ["runtime_error"], label: "runtime error" },
  { code: "S", statuses: ["syntax_error", "compile_error"], label: "syntax or compile error" },
  { code: "T", statuses: ["timeout"], label: "timeout" },
  { code: "M", statuses: ["memory_limit"], label: "memory limit" },
  { code: "O", statuses: ["output_limit"], label: "output limit" },
  { code: "X", statuses: ["sandbox_error"], label: "sandbox error" },
  { code: "L", statuses: ["toolchain_missing"], label: "toolchain missing" },
  { code: "E", statuses: ["model_error"], label: "model-side failure" },
] as const;

export type OutcomeCode = (typeof OUTCOMES)[number]["code"];

export const PASSED: OutcomeCode = "P";
export const RUNTIME_ERROR: OutcomeCode = "R";
/** Not a verdict on code: left out of pass@k, as in the run's summary. */
export const MODEL_ERROR: OutcomeCode = "E";

const byStatus = new Map<string, OutcomeCode>(OUTCOMES.flatMap((o) => o.statuses.map((status) => [status, o.code] as const)));
const byCode = new Map<string, (typeof OUTCOMES)[number]>(OUTCOMES.map((o) => [o.code, o]));

/** The outcome of a status in results.jsonl, or undefined for a status this report does not know. */
export function outcomeOfStatus(status: string): OutcomeCode | undefined {
  return byStatus.get(status);
}

export function outcomeLabel(code: string): string {
  return byCode.get(code)?.label ?? code;
}

/** Scored samples (n) and passes (c) among a problem's outcomes. */
export function scoredCounts(outcomes: string): { n: number; c: number } {
  let n = 0;
  let c = 0;
  for (const code of outcomes) {
    if (code === MODEL_ERROR) continue;
    n++;
    if (code === PASSED) c++;
  }
  return { n, c };
}
