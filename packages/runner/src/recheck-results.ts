import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { jsonlRecords, rewriteFileLines } from "./jsonl-lines";
import { needsRecheck, withRecheck } from "./recheck";
import { ResultsLog } from "./results-log";
import { resultLineCheck, verdictFieldsSchema, verdictKey, type SampleResult, type VerdictFields } from "./sample-result";

/** The journal of rechecks: one line per verdict judged again, appended as each is done. */
export const RECHECKS_FILE = "rechecks.jsonl";

/** One line of rechecks.jsonl: the verdict as first scored and as judged again, in full. */
export interface RecheckRecord {
  task_id: string;
  sample_index: number;
  repeat?: number;
  first: VerdictFields;
  second: VerdictFields;
}

const recheckRecordSchema: z.ZodType<RecheckRecord> = z.object({
  task_id: z.string(),
  sample_index: z.number().int().min(0),
  repeat: z.number().int().min(0).optional(),
  first: verdictFieldsSchema,
  second: verdictFieldsSchema,
});

export interface RecheckProgress {
  /** Verdicts to judge again in this invocation. */
  total: number;
  done: number;
  /** Of those done, verdicts that came out differently. */
  changed: number;
}

/** A results line as far as rechecking goes; `T` is the whole line (a run's carries the code). */
type Line = Omit<SampleResult, "status"> & { status: string };

export interface RecheckSetup<T extends Line> {
  /** results.jsonl of a locked results directory, closed by its writer; the journal goes beside it. */
  resultsPath: string;
  timeoutSeconds: number;
  /** False: verdicts near the limit are not judged again now (those judged earlier are still recorded). */
  recheck: boolean;
  /** Whether the run has this sample and repetition; a journal line of any other is refused. */
  isPlanned: (taskId: string, sampleIndex: number, repeat: number) => boolean;
  /** Judges the line's code once more, with nothing else scoring meanwhile. */
  judge: (line: T) => Promise<VerdictFields>;
  onProgress?: (progress: RecheckProgress) => void;
  onWarning?: (message: string) => void;
}

interface NearLimitLine {
  key: string;
  offset: number;
  length: number;
}

/**
 * Judges once more, one at a time and alone, every verdict of results.jsonl near the time limit
 * that was not judged again before, then writes both verdicts into results.jsonl (see
 * withRecheck). Each recheck is appended to rechecks.jsonl as it finishes, so a killed process
 * loses at most the one in hand; results.jsonl is rewritten once, at the end, by a whole new
 * file renamed over the old one, and a journal line not yet in it is merged by the next run.
 */
export async function recheckResults<T extends Line>(setup: RecheckSetup<T>): Promise<void> {
  const { resultsPath } = setup;
  if (!existsSync(resultsPath)) return;
  const scored = new Set<string>();
  const nearLimit: NearLimitLine[] = [];
  for await (const { record, offset, length } of jsonlRecords<T>(resultsPath)) {
    const key = verdictKey(record.task_id, record.sample_index, record.repeat);
    scored.add(key);
    if (needsRecheck(record, setup.timeoutSeconds)) nearLimit.push({ key, offset, length });
  }

  const journaled = new Map<string, RecheckRecord>();
  const journalPath = join(dirname(resultsPath), RECHECKS_FILE);
  const reading = { schema: recheckRecordSchema, check: resultLineCheck(setup.isPlanned, "one this directory scores"), onWarning: setup.onWarning };
  // A journal line whose results line is gone (the file was moved aside) is of a verdict no longer kept.
  let journal = existsSync(journalPath)
    ? await ResultsLog.resume<RecheckRecord>(journalPath, reading, (record) => {
        const key = verdictKey(record.task_id, record.sample_index, record.repeat);
        if (!scored.has(key)) return false;
        journaled.set(key, record);
        return true;
      })
    : undefined;
  try {
    const due = setup.recheck ? nearLimit.filter((line) => !journaled.has(line.key)) : [];
    // The journal is made only when there is something to write in it.
    if (due.length > 0) {
      journal ??= ResultsLog.open<RecheckRecord>(journalPath, reading);
      await judgeAgain(setup, resultsPath, due, journal, journaled);
      journal.sync();
    }
  } finally {
    journal?.close();
  }
  if (nearLimit.some((line) => journaled.has(line.key))) await mergeRechecks(resultsPath, journaled);
}

async function judgeAgain<T extends Line>(
  setup: RecheckSetup<T>,
  resultsPath: string,
  lines: readonly NearLimitLine[],
  journal: ResultsLog<RecheckRecord>,
  journaled: Map<string, RecheckRecord>,
): Promise<void> {
  const progress: RecheckProgress = { total: lines.length, done: 0, changed: 0 };
  setup.onProgress?.({ ...progress });
  const file = openSync(resultsPath, "r");
  try {
    for (const { key, offset, length } of lines) {
      const bytes = Buffer.alloc(length);
      readSync(file, bytes, 0, length, offset);
      const line = JSON.parse(bytes.toString("utf8")) as T;
      const second = await setup.judge(line);
      const record: RecheckRecord = {
        task_id: line.task_id,
        sample_index: line.sample_index,
        ...(line.repeat === undefined ? {} : { repeat: line.repeat }),
        first: firstVerdict(line),
        second,
      };
      journal.append(record);
      journaled.set(key, record);
      progress.done++;
      if (second.status !== line.status) progress.changed++;
      setup.onProgress?.({ ...progress });
    }
  } finally {
    closeSync(file);
  }
}

function firstVerdict(line: Line): VerdictFields {
  return {
    passed: line.passed,
    status: line.status as VerdictFields["status"],
    error_type: line.error_type,
    error_message: line.error_message,
    duration_ms: line.duration_ms,
    cpu_ms: line.cpu_ms,
    ...(line.parts === undefined ? {} : { parts: line.parts }),
  };
}

/** Rewrites results.jsonl with the journaled second verdicts in their lines; other lines are copied byte for byte. */
async function mergeRechecks(resultsPath: string, journaled: ReadonlyMap<string, RecheckRecord>): Promise<void> {
  await rewriteFileLines(resultsPath, (line) => {
    const text = line.bytes.toString("utf8");
    if (text.trim() === "") return line.bytes;
    const record = JSON.parse(text) as Line;
    const recheck = record.recheck === undefined ? journaled.get(verdictKey(record.task_id, record.sample_index, record.repeat)) : undefined;
    return recheck === undefined ? line.bytes : `${JSON.stringify(withRecheck(record, recheck.second))}\n`;
  });
}
