import { once } from "node:events";
import {
  closeSync,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { fileLines } from "./jsonl-lines";

/**
 * An append-only JSON Lines file of finished work. Each record is written straight to the file
 * (no user-space buffer), so a killed process loses at most the record being written; a torn last
 * line from such a kill is cut off when the log is reopened.
 */
export class ResultsLog<T extends object> {
  private fd: number;

  private constructor(
    readonly path: string,
    readonly existing: T[],
  ) {
    this.fd = openSync(path, "a");
  }

  /** Opens (creating if needed) a log, returning the intact records already in it. */
  static open<T extends object>(path: string): ResultsLog<T> {
    const records: T[] = [];
    if (existsSync(path)) {
      const bytes = readFileSync(path);
      let intact = 0;
      while (intact < bytes.length) {
        const end = bytes.indexOf(0x0a, intact);
        // A line without its newline, or that does not parse, was torn by a kill: it and
        // anything after it are cut off so the log can be appended to again.
        if (end === -1) break;
        const line = bytes.subarray(intact, end).toString("utf8");
        if (line.trim()) {
          const record = parseLine<T>(line);
          if (record === undefined) break;
          records.push(record);
        }
        intact = end + 1;
      }
      if (intact < bytes.length) truncateSync(path, intact);
    }
    return new ResultsLog<T>(path, records);
  }

  /**
   * Opens (creating if needed) a log without holding its records, for logs too large to keep in
   * memory. Each intact record is passed to `keep` as it is read; records it rejects, and a torn
   * tail, are removed by rewriting the file, which replaces the old one atomically. `existing`
   * is empty.
   */
  static async resume<T extends object>(path: string, keep: (record: T) => boolean): Promise<ResultsLog<T>> {
    if (existsSync(path)) await rewriteKept(path, keep);
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

/**
 * Two passes, so that the usual case (nothing to drop) only reads the file: the first calls
 * `keep` on each record and notes the lines to drop and where the intact part ends; the second,
 * only when lines must go, copies the others to a new file that replaces the old one.
 */
async function rewriteKept<T>(path: string, keep: (record: T) => boolean): Promise<void> {
  const dropped = new Set<number>();
  let intactEnd = 0;
  for await (const line of fileLines(path)) {
    const text = line.bytes.toString("utf8");
    if (text.trim() !== "") {
      // A line without its newline, or that does not parse, was torn by a kill: it and
      // anything after it are cut off.
      const record = line.complete ? parseLine<T>(text) : undefined;
      if (record === undefined) break;
      if (!keep(record)) dropped.add(line.offset);
    }
    intactEnd = line.offset + line.bytes.length;
  }
  if (dropped.size === 0) {
    if (intactEnd < statSync(path).size) truncateSync(path, intactEnd);
    return;
  }
  const partial = `${path}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  try {
    for await (const line of fileLines(path)) {
      if (line.offset >= intactEnd) break;
      if (!dropped.has(line.offset) && !out.write(line.bytes)) await once(out, "drain");
    }
    out.end();
    await once(out, "close");
  } catch (error) {
    out.destroy();
    unlinkSync(partial);
    throw error;
  }
  renameSync(partial, path);
}

function parseLine<T>(line: string): T | undefined {
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}
