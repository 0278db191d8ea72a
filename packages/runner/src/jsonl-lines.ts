import { once } from "node:events";
import { createReadStream, createWriteStream, renameSync, unlinkSync } from "node:fs";

export interface FileLine {
  /** The line's bytes, newline included when it has one. */
  bytes: Buffer;
  /** Byte offset of the line in the file. */
  offset: number;
  /** False for trailing bytes without a newline: a line torn by a kill. */
  complete: boolean;
}

/** Streams a file line by line with each line's position, holding one chunk at a time. */
export async function* fileLines(path: string): AsyncGenerator<FileLine> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of createReadStream(path)) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let start = 0;
    for (let end = pending.indexOf(0x0a, start); end !== -1; end = pending.indexOf(0x0a, start)) {
      yield { bytes: pending.subarray(start, end + 1), offset, complete: true };
      offset += end + 1 - start;
      start = end + 1;
    }
    pending = pending.subarray(start);
  }
  if (pending.length > 0) yield { bytes: pending, offset, complete: false };
}

/** The records of an intact JSON Lines file, streamed, each with its position. */
export async function* jsonlRecords<T>(path: string): AsyncGenerator<{ record: T; offset: number; length: number }> {
  for await (const line of fileLines(path)) {
    const text = line.bytes.toString("utf8");
    if (text.trim() === "") continue;
    yield { record: JSON.parse(text) as T, offset: line.offset, length: line.bytes.length };
  }
}

/**
 * Rewrites a file line by line through a private copy that then replaces it atomically, so a kill
 * leaves either the old file or the new one. `map` gives a line's new bytes, `undefined` to drop
 * it, or `"end"` to cut the file there.
 */
export async function rewriteFileLines(path: string, map: (line: FileLine) => Buffer | string | undefined | "end"): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  try {
    for await (const line of fileLines(path)) {
      const bytes = map(line);
      if (bytes === "end") break;
      if (bytes !== undefined && !out.write(bytes)) await once(out, "drain");
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
