import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ResultsLog } from "../src";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "cg-log-")), "results.jsonl");

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
