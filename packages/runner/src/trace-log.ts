import type { TraceEvent } from "@cg/strategies";
import { z } from "zod";
import { ResultsLog } from "./results-log";
import { sampleKey } from "./sample-result";

/** One line of trace.jsonl: an event of a sample's generation (model call, sample-test run, decision) or its model-side failure. */
export type TraceLine = { task_id: string; sample_index: number } & (
  | TraceEvent
  | { type: "model_error"; error_type: string; error_message: string }
);

export const TRACE_FILE = "trace.jsonl";

/** What a resume relies on in a trace line; the event's own fields are copied as they are. */
const traceLineKeySchema = z.object({ task_id: z.string(), sample_index: z.number().int().min(0), type: z.string() });

export interface TraceResume {
  /** Keys (`sampleKey`) of the samples whose result line is kept. */
  finished: ReadonlySet<string>;
  /** Whether the run has this sample; a line of any other is refused. */
  isPlanned: (taskId: string, sampleIndex: number) => boolean;
  onWarning?: (message: string) => void;
}

/**
 * The trace of a run: every model call with its messages and answer, every sample-test run and
 * every decision, sample by sample. A sample's lines are written before its result, so on resume
 * the lines of samples without a kept result (killed mid-write, or failed on the model side) are
 * dropped and written again when the sample is redone.
 */
export class TraceLog {
  private constructor(private readonly log: ResultsLog<TraceLine>) {}

  static async resume(path: string, { finished, isPlanned, onWarning }: TraceResume): Promise<TraceLog> {
    const log = await ResultsLog.resume<TraceLine, z.infer<typeof traceLineKeySchema>>(
      path,
      {
        schema: traceLineKeySchema,
        check: (line) => (isPlanned(line.task_id, line.sample_index) ? undefined : `task "${line.task_id}" sample ${line.sample_index} is not part of this run (see config.json)`),
        onWarning,
      },
      (line) => finished.has(sampleKey(line.task_id, line.sample_index)),
    );
    return new TraceLog(log);
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
