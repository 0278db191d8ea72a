import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidLogLineError, ResultsLog, type LogReading } from "../src/index";

const rowSchema = z.object({ id: z.number().int(), ok: z.boolean() });
type Row = z.infer<typeof rowSchema>;
const textSchema = z.object({ text: z.string() });

function dir(): string {
  return mkdtempSync(join(tmpdir(), "cg-log-"));
}

const freshPath = () => join(dir(), "results.jsonl");

/** Reading rows, with the warnings collected. */
function rows(warnings: string[] = [], check?: LogReading<Row>["check"]): LogReading<Row> {
  return { schema: rowSchema, onWarning: (message) => warnings.push(message), ...(check === undefined ? {} : { check }) };
}

function refusal(action: () => unknown): InvalidLogLineError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidLogLineError);
    return error as InvalidLogLineError;
  }
  throw new Error("not refused");
}

async function asyncRefusal(action: () => Promise<unknown>): Promise<InvalidLogLineError> {
  const error = await action().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidLogLineError);
  return error as InvalidLogLineError;
}

describe("ResultsLog.open", () => {
  it("appends records that a reopened log returns", () => {
    const path = freshPath();
    const log = ResultsLog.open<Row>(path, rows());
    expect(log.existing).toEqual([]);
    log.append({ id: 1, ok: true });
    log.append({ id: 2, ok: false });
    // Written straight to the file: visible before close, as a killed process would leave it.
    expect(readFileSync(path, "utf8")).toBe('{"id":1,"ok":true}\n{"id":2,"ok":false}\n');
    log.close();
    const warnings: string[] = [];
    const reopened = ResultsLog.open<Row>(path, rows(warnings));
    expect(reopened.existing).toEqual([
      { id: 1, ok: true },
      { id: 2, ok: false },
    ]);
    reopened.close();
    expect(warnings).toEqual([]);
  });

  it("cuts off an incomplete last line, says how many bytes it cut, and appends after the rest", () => {
    const path = freshPath();
    writeFileSync(path, '{"id":1,"ok":true}\n{"id":2,"ok":true}\n{"id":3,"o');
    const warnings: string[] = [];
    const log = ResultsLog.open<Row>(path, rows(warnings));
    expect(log.existing.map((row) => row.id)).toEqual([1, 2]);
    expect(warnings).toEqual([`cut an incomplete last line (10 bytes, line 3) off ${path}, left by a process stopped mid-write; its sample is done again`]);
    log.append({ id: 3, ok: true });
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"id":1,"ok":true}\n{"id":2,"ok":true}\n{"id":3,"ok":true}\n');
  });

  it("cuts an incomplete last line even when it parses: only a newline ends a record", () => {
    const path = freshPath();
    writeFileSync(path, '{"id":1,"ok":true}\n{"id":2,"ok":true}');
    const warnings: string[] = [];
    expect(ResultsLog.open<Row>(path, rows(warnings)).existing).toEqual([{ id: 1, ok: true }]);
    expect(warnings).toHaveLength(1);
    expect(readFileSync(path, "utf8")).toBe('{"id":1,"ok":true}\n');
  });

  it("refuses a complete line that does not parse, naming the file and line, and changes nothing", () => {
    const path = freshPath();
    const text = '{"id":1,"ok":true}\n\nnot json\n{"id":3,"ok":true}\n{"id":4,';
    writeFileSync(path, text);
    const error = refusal(() => ResultsLog.open<Row>(path, rows()));
    expect(error.message).toMatch(new RegExp(`^${path}:3: not valid JSON \\(.*\\); nothing is resumed from a file with such a line: fix or delete line 3, or move the file aside, then rerun$`));
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("refuses a line that is JSON but not a record of the file", () => {
    const path = freshPath();
    writeFileSync(path, '{"id":1,"ok":true}\n{"id":"two","ok":true}\n');
    expect(refusal(() => ResultsLog.open<Row>(path, rows())).message).toMatch(new RegExp(`^${path}:2: not a record of this file at "id": .*number`));
  });

  it("refuses a record its check rejects, with the check's words", () => {
    const path = freshPath();
    writeFileSync(path, '{"id":1,"ok":true}\n{"id":2,"ok":true}\n{"id":1,"ok":false}\n');
    const seen = new Map<number, number>();
    const check = (row: Row, line: number) => {
      const first = seen.get(row.id);
      seen.set(row.id, line);
      return first === undefined ? undefined : `row ${row.id} again (first on line ${first})`;
    };
    expect(refusal(() => ResultsLog.open<Row>(path, rows([], check))).message).toMatch(new RegExp(`^${path}:3: row 1 again \\(first on line 1\\); `));
  });

  it("keeps multi-byte text intact across reopen", () => {
    const path = freshPath();
    const log = ResultsLog.open(path, { schema: textSchema });
    log.append({ text: "naïve – ✓" });
    log.close();
    appendFileSync(path, '{"text":"tor');
    expect(ResultsLog.open(path, { schema: textSchema }).existing).toEqual([{ text: "naïve – ✓" }]);
  });
});

describe("ResultsLog.resume", () => {
  it("drops the records it is told to, cuts an incomplete last line with a warning, then appends after the rest", async () => {
    const path = join(dir(), "log.jsonl");
    writeFileSync(path, ['{"id":1,"ok":true}', '{"id":2,"ok":false}', '{"id":3,"ok":true}', '{"id":4,"o'].join("\n"));
    const seen: number[] = [];
    const warnings: string[] = [];
    const log = await ResultsLog.resume<Row>(path, rows(warnings), (row) => {
      seen.push(row.id);
      return row.ok;
    });
    expect(log.existing).toEqual([]);
    log.append({ id: 5, ok: true });
    log.close();
    expect(seen).toEqual([1, 2, 3]);
    expect(warnings).toEqual([`cut an incomplete last line (10 bytes, line 4) off ${path}, left by a process stopped mid-write; its sample is done again`]);
    expect(readFileSync(path, "utf8")).toBe('{"id":1,"ok":true}\n{"id":3,"ok":true}\n{"id":5,"ok":true}\n');
    expect(readdirSync(join(path, ".."))).toEqual(["log.jsonl"]);
  });

  it("refuses a corrupt line in the middle, keeping every line after it", async () => {
    const path = join(dir(), "log.jsonl");
    const text = '{"id":1,"ok":true}\n{"id":2,\n{"id":3,"ok":false}\n';
    writeFileSync(path, text);
    const error = await asyncRefusal(() => ResultsLog.resume<Row>(path, rows(), () => true));
    expect(error.message).toMatch(new RegExp(`^${path}:2: not valid JSON`));
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(readdirSync(join(path, ".."))).toEqual(["log.jsonl"]);
  });

  it("refuses a record of the wrong shape or one its check rejects", async () => {
    const folder = dir();
    const shape = join(folder, "shape.jsonl");
    writeFileSync(shape, '{"id":1,"ok":true}\n{"id":2}\n');
    expect((await asyncRefusal(() => ResultsLog.resume<Row>(shape, rows(), () => true))).message).toMatch(new RegExp(`^${shape}:2: not a record of this file at "ok"`));

    const checked = join(folder, "checked.jsonl");
    writeFileSync(checked, '{"id":1,"ok":true}\n{"id":99,"ok":true}\n');
    const unknown = rows([], (row) => (row.id > 10 ? `row ${row.id} is not part of this run` : undefined));
    expect((await asyncRefusal(() => ResultsLog.resume<Row>(checked, unknown, () => true))).message).toMatch(new RegExp(`^${checked}:2: row 99 is not part of this run; `));
  });

  it("leaves an intact log as it is, and creates a missing one", async () => {
    const folder = dir();
    const path = join(folder, "log.jsonl");
    const text = '{"id":1,"ok":true}\n\n{"id":2,"ok":true}\n';
    writeFileSync(path, text);
    const inode = statSync(path).ino;
    (await ResultsLog.resume<Row>(path, rows(), () => true)).close();
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(statSync(path).ino).toBe(inode);

    const fresh = join(folder, "new.jsonl");
    (await ResultsLog.resume<Row>(fresh, rows(), () => true)).close();
    expect(existsSync(fresh)).toBe(true);
  });

  it("streams a log larger than its read chunks, numbering its lines", async () => {
    const path = join(dir(), "big.jsonl");
    const all = Array.from({ length: 5000 }, (_, id) => ({ id, ok: id % 3 !== 0, padding: "x".repeat(50) }));
    writeFileSync(path, all.map((row) => JSON.stringify(row)).join("\n") + "\n");
    (await ResultsLog.resume<Row>(path, rows(), (row) => row.ok)).close();
    const kept = readFileSync(path, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as Row).id);
    expect(kept).toEqual(all.filter((row) => row.ok).map((row) => row.id));

    const damaged = join(dir(), "damaged.jsonl");
    writeFileSync(damaged, all.map((row, i) => (i === 4321 ? "{" : JSON.stringify(row))).join("\n") + "\n");
    expect((await asyncRefusal(() => ResultsLog.resume<Row>(damaged, rows(), () => true))).message).toMatch(new RegExp(`^${damaged}:4322: not valid JSON`));
  });
});
