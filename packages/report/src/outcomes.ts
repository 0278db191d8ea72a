/**
 * What became of a sample, one character each so that a run's outcomes embed compactly: the
 * sandbox's verdicts, plus `model_error` for a sample the model side failed to produce.
 */
export const OUTCOMES = [
  { code: "P", status: "passed", label: "passed" },
  { code: "W", status: "failed", label: "wrong answer" },
  { code: "R", status: "runtime_error", label: "runtime error" },
  { code: "S", status: "syntax_error", label: "syntax or compile error" },
  { code: "T", status: "timeout", label: "timeout" },
  { code: "M", status: "memory_limit", label: "memory limit" },
  { code: "O", status: "output_limit", label: "output limit" },
  { code: "X", status: "sandbox_error", label: "sandbox error" },
  { code: "E", status: "model_error", label: "model-side failure" },
] as const;

export type OutcomeCode = (typeof OUTCOMES)[number]["code"];

export const PASSED: OutcomeCode = "P";
export const RUNTIME_ERROR: OutcomeCode = "R";
/** Not a verdict on code: left out of pass@k, as in the run's summary. */
export const MODEL_ERROR: OutcomeCode = "E";

const byStatus = new Map<string, OutcomeCode>(OUTCOMES.map((o) => [o.status, o.code]));
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
