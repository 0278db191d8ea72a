import type { BatchProgram } from "./program-batch";
import type { JudgeResult, ProgramJudge } from "./types";

/** A program's verdict, with the line (and id) of the batch it came from. */
export type BatchVerdict = { line: number; id?: string } & JudgeResult;

export interface JudgeBatchOptions {
  /** Programs sent to the judge at once; keep at or above its parallelism. */
  concurrency: number;
  /** Called once per program, in batch order, as soon as its verdict and every earlier one are in. */
  onVerdict: (verdict: BatchVerdict) => void;
}

/**
 * Judges every program of a batch with bounded concurrency. Verdicts are handed over in batch
 * order, so that a batch's output lines up with its input whatever order the programs finish in.
 * An error that is not a verdict (the judge was closed, `onVerdict` threw) stops the batch once
 * the programs in flight have finished, and is thrown.
 */
export async function judgeBatch(judge: ProgramJudge, programs: readonly BatchProgram[], options: JudgeBatchOptions): Promise<void> {
  const waiting = new Map<number, BatchVerdict>();
  let nextToHand = 0;
  let failure: { error: unknown } | undefined;
  const inFlight = new Set<Promise<void>>();
  for (const [index, program] of programs.entries()) {
    if (failure) break;
    const task = judge
      .judge(program.request)
      .then((result) => {
        waiting.set(index, { line: program.line, ...(program.id === undefined ? {} : { id: program.id }), ...result });
        for (let verdict = waiting.get(nextToHand); verdict; verdict = waiting.get(nextToHand)) {
          waiting.delete(nextToHand++);
          options.onVerdict(verdict);
        }
      })
      .catch((error: unknown) => {
        failure ??= { error };
      });
    inFlight.add(task);
    void task.then(() => inFlight.delete(task));
    if (inFlight.size >= Math.max(1, options.concurrency)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}
