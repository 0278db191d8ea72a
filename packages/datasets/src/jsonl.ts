import type { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { MalformedRecordError } from "./errors";
import type { LoadOptions } from "./types";

/** A published JSON Lines file's records, each validated; errors name the file and line. */
export async function readJsonlRecords<T>(file: DataFile, schema: z.ZodType<T>, options?: LoadOptions): Promise<T[]> {
  return parseJsonl(await readDataText(file, options), schema, file.file);
}

/** Parses JSON Lines, validating each record; errors name the file and line. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>, file: string): T[] {
  const records: T[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    records.push(parseRecord(line, schema, file, i + 1));
  }
  return records;
}

export function parseRecord<T>(line: string, schema: z.ZodType<T>, file: string, lineNumber: number): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new MalformedRecordError(file, lineNumber, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join(".")}"` : "";
    throw new MalformedRecordError(file, lineNumber, `unexpected record shape${where}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
