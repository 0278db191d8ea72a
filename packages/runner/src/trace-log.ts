import type { TraceEvent } from "@cg/strategies";
import { ResultsLog } from "./results-log";
import { sampleKey } from "./sample-result";

/** One line of trace.jsonl: an event of a sample's generation (model call, sample-test run, decision) or its model-side failure. */
export type TraceLine = { task_id: string; sample_index: number } & (
  | TraceEvent
  | { type: "model_error"; error_type: string; error_message: string }
);

export const TRACE_FILE = "trace.jsonl";

/**
 * The trace of a run: every model call with its messages and answer, every sample-test run and
 * every decision, sample by sample. A sample's lines are written before its result, so on resume
 * the lines of samples without a kept result (killed mid-write, or failed on the model side) are
 * dropped and written again when the sample is redone.
 */
export class TraceLog {
  private constructor(private readonly log: ResultsLog<TraceLine>) {}

  static async resume(path: string, finished: ReadonlySet<string>): Promise<TraceLog> {
    return new TraceLog(await ResultsLog.resume<TraceLine>(path, (line) => finished.has(sampleKey(line.task_id, line.sample_index))));
  }

  write(taskId: string, sampleIndex: number, events: readonly TraceEvent[]): void {
    for (const event of events) this.log.append({ task_id: taskId, sample_index: sampleIndex, ...event });
  }

  writeModelError(taskId: string, sampleIndex: number, error: Error): void {
    this.log.append({ task_id: taskId, sample_index: sampleIndex, type: "model_error", error_type: error.name, error_message: error.message });
  }

  sync(): void {
    this.log.sync();
  }

  close(): void {
    this.log.close();
  }
}
