import { closeSync, openSync, readSync, renameSync, writeSync } from "node:fs";
import { jsonlRecords } from "./jsonl-lines";
import { MODEL_ERROR, type GeneratedSampleResult } from "./sample-result";

export const SAMPLES_FILE = "samples.jsonl";

/** One line of the export: human-eval's `completion`, plus EvalPlus's `solution` when the code is a whole program. */
export interface ExportedSample {
  task_id: string;
  completion: string;
  solution?: string;
}

/**
 * Writes the generated code as a samples file that human-eval, EvalPlus and `cg eval` read: a
 * completion as `{task_id, completion}`; a whole program as `{task_id, completion, solution}`
 * with the program in both (prompt + program still defines the function, for human-eval).
 * Lines are in problem order, then sample order, as those tools number samples by position.
 * Only an index of positions is held in memory; each line's code is read back when written.
 */
export async function exportSamples(resultsPath: string, outPath: string, problemOrder: readonly string[]): Promise<number> {
  const order = new Map(problemOrder.map((taskId, index) => [taskId, index]));
  const index: Array<{ problem: number; sample: number; offset: number; length: number }> = [];
  for await (const { record, offset, length } of jsonlRecords<GeneratedSampleResult>(resultsPath)) {
    if (record.status === MODEL_ERROR || record.code === null) continue;
    index.push({ problem: order.get(record.task_id) ?? Infinity, sample: record.sample_index, offset, length });
  }
  index.sort((a, b) => a.problem - b.problem || a.sample - b.sample);

  const input = openSync(resultsPath, "r");
  // Written aside and renamed into place, so that a reader never sees half an export.
  const partial = `${outPath}.${process.pid}.partial`;
  const output = openSync(partial, "w");
  try {
    for (const entry of index) {
      const bytes = Buffer.alloc(entry.length);
      readSync(input, bytes, 0, entry.length, entry.offset);
      const result = JSON.parse(bytes.toString("utf8")) as GeneratedSampleResult;
      const code = result.code ?? "";
      const sample: ExportedSample =
        result.candidate_kind === "solution" ? { task_id: result.task_id, completion: code, solution: code } : { task_id: result.task_id, completion: code };
      writeSync(output, `${JSON.stringify(sample)}\n`);
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  renameSync(partial, outPath);
  return index.length;
}
