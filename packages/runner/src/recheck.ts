import { MODEL_ERROR, type Recheck, type RecheckOutcome, type SampleResult, type VerdictFields } from "./sample-result";

/**
 * A verdict whose scoring run took at least this fraction of the time limit less than the limit
 * (or ran out of time) is judged again: on a busy machine it is the kind that could have gone
 * the other way.
 */
export const RECHECK_MARGIN = 0.2;

/** A results line of `cg eval` or `cg run` (whose status may also be `model_error`). */
type ResultLine = Omit<SampleResult, "status"> & { status: string };

/**
 * Whether a verdict is near the time limit: a timeout, or a run whose wall or CPU time is within
 * RECHECK_MARGIN of it. Wall time includes any wait for a CPU, so a busy machine makes more
 * verdicts near the limit, never fewer.
 */
export function nearTimeLimit(result: Pick<ResultLine, "status" | "duration_ms" | "cpu_ms">, timeoutSeconds: number): boolean {
  if (result.status === "timeout") return true;
  // Rounded to the microsecond, so that 2400 ms is within 20% of 3 s despite binary fractions.
  const threshold = Math.round((1 - RECHECK_MARGIN) * timeoutSeconds * 1e6) / 1000;
  return Math.max(result.duration_ms, result.cpu_ms) >= threshold;
}

/** A scored verdict near the time limit that has not been judged again yet. */
export function needsRecheck(result: Pick<ResultLine, "status" | "duration_ms" | "cpu_ms" | "recheck">, timeoutSeconds: number): boolean {
  return result.status !== MODEL_ERROR && result.recheck === undefined && nearTimeLimit(result, timeoutSeconds);
}

/** A verdict that came out differently when judged again alone. */
export function isFlaky(result: { recheck?: Recheck | undefined }): boolean {
  return result.recheck !== undefined && result.recheck.first.status !== result.recheck.second.status;
}

/**
 * The line with the second verdict in its verdict fields, which is the one that counts (for
 * pass@k too: it is the verdict of a run that had the machine to itself), and both outcomes
 * under `recheck`. A line that was already rechecked is returned as it is.
 */
export function withRecheck<T extends ResultLine>(result: T, second: VerdictFields): T {
  if (result.recheck !== undefined) return result;
  const { parts: _firstParts, ...rest } = result;
  return {
    ...rest,
    passed: second.passed,
    status: second.status,
    error_type: second.error_type,
    error_message: second.error_message,
    duration_ms: second.duration_ms,
    cpu_ms: second.cpu_ms,
    ...(second.parts === undefined ? {} : { parts: second.parts }),
    recheck: { first: outcomeOf(result as unknown as VerdictFields), second: outcomeOf(second) },
  } as T;
}

function outcomeOf(verdict: VerdictFields): RecheckOutcome {
  return { passed: verdict.passed, status: verdict.status, error_type: verdict.error_type, duration_ms: verdict.duration_ms, cpu_ms: verdict.cpu_ms };
}
