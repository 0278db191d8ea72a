import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ResultsLog } from "../src/index";

interface Row {
  id: number;
  ok: boolean;
}

function dir(): string {
  return mkdtempSync(join(tmpdir(), "cg-log-"));
}

const freshPath = () => join(dir(), "results.jsonl");

describe("ResultsLog", () => {
  it("appends records that a reopened log returns", () => {
    const path = freshPath();
    const log = ResultsLog.open<{ id: number }>(path);
    expect(log.existing).toEqual([]);
    log.append({ id: 1 });
    log.append({ id: 2 });
    // Written straight to the file: visible before close, as a killed process would leave it.
    expect(readFileSync(path, "utf8")).toBe('{"id":1}\n{"id":2}\n');
    log.close();
    const reopened = ResultsLog.open<{ id: number }>(path);
    expect(reopened.existing).toEqual([{ id: 1 }, { id: 2 }]);
    reopened.close();
  });

  it("cuts off a line torn by a kill and appends after the intact ones", () => {
    const path = freshPath();
    writeFileSync(path, '{"id":1}\n{"id":2}\n{"id":3,"pa');
    const log = ResultsLog.open<{ id: number }>(path);
    expect(log.existing).toEqual([{ id: 1 }, { id: 2 }]);
    log.append({ id: 3 });
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"id":1}\n{"id":2}\n{"id":3}\n');
  });

  it("does not trust anything after a corrupt line", () => {
    const path = freshPath();
    writeFileSync(path, '{"id":1}\nnot json\n{"id":3}\n');
    const log = ResultsLog.open<{ id: number }>(path);
    expect(log.existing).toEqual([{ id: 1 }]);
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"id":1}\n');
  });

  it("keeps multi-byte text intact across reopen", () => {
    const path = freshPath();
    const log = ResultsLog.open<{ text: string }>(path);
    log.append({ text: "naïve – ✓" });
    log.close();
    appendFileSync(path, '{"text":"tor');
    expect(ResultsLog.open<{ text: string }>(path).existing).toEqual([{ text: "naïve – ✓" }]);
  });
});

describe("ResultsLog.resume", () => {
  it("drops the records it is told to, and a torn tail, then appends after the rest", async () => {
    const path = join(dir(), "log.jsonl");
    writeFileSync(path, ['{"id":1,"ok":true}', '{"id":2,"ok":false}', '{"id":3,"ok":true}', '{"id":4,"o'].join("\n"));
    const seen: number[] = [];
    const log = await ResultsLog.resume<Row>(path, (row) => {
      seen.push(row.id);
      return row.ok;
    });
    expect(log.existing).toEqual([]);
    log.append({ id: 5, ok: true });
    log.close();
    expect(seen).toEqual([1, 2, 3]);
    expect(readFileSync(path, "utf8")).toBe('{"id":1,"ok":true}\n{"id":3,"ok":true}\n{"id":5,"ok":true}\n');
    expect(readdirSync(join(path, ".."))).toEqual(["log.jsonl"]);
  });

  it("stops at a line that does not parse, dropping everything after it", async () => {
    const path = join(dir(), "log.jsonl");
    writeFileSync(path, '{"id":1,"ok":true}\n{"id":2,\n{"id":3,"ok":true}\n');
    const log = await ResultsLog.resume<Row>(path, () => true);
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"id":1,"ok":true}\n');
  });

  it("leaves an intact log as it is, and creates a missing one", async () => {
    const folder = dir();
    const path = join(folder, "log.jsonl");
    const text = '{"id":1,"ok":true}\n\n{"id":2,"ok":true}\n';
    writeFileSync(path, text);
    const inode = statSync(path).ino;
    (await ResultsLog.resume<Row>(path, () => true)).close();
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(statSync(path).ino).toBe(inode);

    const fresh = join(folder, "new.jsonl");
    (await ResultsLog.resume<Row>(fresh, () => true)).close();
    expect(existsSync(fresh)).toBe(true);
  });

  it("streams a log larger than its read chunks", async () => {
    const path = join(dir(), "big.jsonl");
    const rows = Array.from({ length: 5000 }, (_, id) => ({ id, ok: id % 3 !== 0, padding: "x".repeat(50) }));
    writeFileSync(path, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
    (await ResultsLog.resume<Row>(path, (row) => row.ok)).close();
    const kept = readFileSync(path, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as Row).id);
    expect(kept).toEqual(rows.filter((row) => row.ok).map((row) => row.id));
  });
});
