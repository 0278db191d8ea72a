import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import type { z } from "zod";
import { InvalidLogLineError } from "./errors";
import { fileLines, rewriteFileLines } from "./jsonl-lines";

/** How the records of a log are checked as it is read back. */
export interface LogReading<T> {
  /** The shape of a record; a line that does not fit it is refused. */
  schema: z.ZodType<T>;
  /**
   * What is wrong with a record of the right shape at `line` (1-based), if anything: a sample
   * the run does not have, a sample recorded twice. Called on the records in file order.
   */
  check?: (record: T, line: number) => string | undefined;
  /** Told, in one line, when an incomplete last line is cut off. */
  onWarning?: (message: string) => void;
}

/**
 * An append-only JSON Lines file of finished work. Each record is written straight to the file
 * (no user-space buffer), so a killed process loses at most the record being written. When the
 * log is reopened, an incomplete last line (no newline: the footprint of such a kill) is cut
 * off with a warning; any complete line that cannot be trusted is refused with
 * InvalidLogLineError, never dropped or kept silently. Blank lines are skipped.
 */
export class ResultsLog<T extends object> {
  private fd: number;

  private constructor(
    readonly path: string,
    readonly existing: T[],
  ) {
    this.fd = openSync(path, "a");
  }

  /** Opens (creating if needed) a log, returning the records already in it. */
  static open<T extends object>(path: string, reading: LogReading<T>): ResultsLog<T> {
    const records: T[] = [];
    if (existsSync(path)) {
      const bytes = readFileSync(path);
      const reader = new LineReader(path, reading);
      let start = 0;
      for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
        const record = reader.read(bytes.subarray(start, end));
        if (record !== undefined) records.push(record);
        start = end + 1;
      }
      if (start < bytes.length) reader.cutTail(start, bytes.length - start);
    }
    return new ResultsLog<T>(path, records);
  }

  /**
   * Opens (creating if needed) a log without holding its records, for logs too large to keep in
   * memory. Each record is checked and passed to `keep` as it is read, as `reading.schema` gives
   * it (`R`: the whole record, or the part the caller relies on); records `keep` rejects are
   * removed by rewriting the file, which replaces the old one atomically. `existing` is empty.
   */
  static async resume<T extends object, R = T>(path: string, reading: LogReading<R>, keep: (record: R) => boolean): Promise<ResultsLog<T>> {
    if (existsSync(path)) await rewriteKept(path, new LineReader(path, reading), keep);
    return new ResultsLog<T>(path, []);
  }

  append(record: T): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  /** Forces written records to disk (used at the end of a run, not per record). */
  sync(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Checks a log's lines in file order, numbering them. */
class LineReader<T> {
  private line = 0;

  constructor(
    private readonly path: string,
    private readonly reading: LogReading<T>,
  ) {}

  /** The record of the next complete line (newline excluded or not), undefined for a blank one. */
  read(bytes: Buffer): T | undefined {
    this.line++;
    const text = bytes.toString("utf8");
    if (text.trim() === "") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw this.refuse(`not valid JSON (${(error as Error).message})`);
    }
    const parsed = this.reading.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at "${issue.path.join(".")}"` : "";
      throw this.refuse(`not a record of this file${where}: ${issue?.message ?? "invalid"}`);
    }
    const problem = this.reading.check?.(parsed.data, this.line);
    if (problem !== undefined) throw this.refuse(problem);
    return parsed.data;
  }

  /** Cuts the incomplete last line, which starts at `offset`, off the file, and says so. */
  cutTail(offset: number, length: number): void {
    truncateSync(this.path, offset);
    this.reading.onWarning?.(
      `cut an incomplete last line (${length} bytes, line ${this.line + 1}) off ${this.path}, left by a process stopped mid-write; its sample is done again`,
    );
  }

  private refuse(problem: string): InvalidLogLineError {
    return new InvalidLogLineError(
      `${this.path}:${this.line}: ${problem}; nothing is resumed from a file with such a line: fix or delete line ${this.line}, or move the file aside, then rerun`,
    );
  }
}

/**
 * Two passes, so that the usual case (nothing to drop) only reads the file: the first checks
 * each record, calls `keep` on it and notes the lines to drop; the second, only when lines
 * must go, copies the others to a new file that replaces the old one.
 */
async function rewriteKept<T>(path: string, reader: LineReader<T>, keep: (record: T) => boolean): Promise<void> {
  const dropped = new Set<number>();
  let completeEnd = 0;
  for await (const line of fileLines(path)) {
    if (!line.complete) {
      reader.cutTail(line.offset, line.bytes.length);
      break;
    }
    const record = reader.read(line.bytes.subarray(0, -1));
    if (record !== undefined && !keep(record)) dropped.add(line.offset);
    completeEnd = line.offset + line.bytes.length;
  }
  if (dropped.size === 0) return;
  await rewriteFileLines(path, (line) => (line.offset >= completeEnd ? "end" : dropped.has(line.offset) ? undefined : line.bytes));
}
