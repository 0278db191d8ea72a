import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { InvalidResultsError } from "./errors";

/**
 * The records of a JSON Lines file, streamed. A last line that does not parse was torn by a
 * killed writer: it is skipped and reported through `onTornLine`, as the run itself would cut it
 * off when resumed. A bad line anywhere else is an error.
 */
export async function* jsonlFile<T>(path: string, onTornLine: (line: number) => void): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let pending: { text: string; line: number } | undefined;
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === "") continue;
    if (pending !== undefined) yield parse<T>(pending.text, path, pending.line);
    pending = { text, line: lineNumber };
  }
  if (pending === undefined) return;
  let last: T;
  try {
    last = JSON.parse(pending.text) as T;
  } catch {
    onTornLine(pending.line);
    return;
  }
  yield last;
}

function parse<T>(text: string, path: string, line: number): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new InvalidResultsError(`${path}:${line} is not valid JSON (${(error as Error).message}); the file is damaged`);
  }
}
