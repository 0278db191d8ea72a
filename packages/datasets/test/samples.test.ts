import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MalformedRecordError, readSamples, type Sample } from "../src";
import { mbppTaskId } from "../src/mbpp";

async function read(text: string, normalize?: (raw: string | number) => string): Promise<Sample[]> {
  const path = join(mkdtempSync(join(tmpdir(), "cg-samples-")), "samples.jsonl");
  writeFileSync(path, text);
  const samples: Sample[] = [];
  for await (const sample of readSamples(path, normalize)) samples.push(sample);
  return samples;
}

describe("samples files", () => {
  it("numbers each task's samples in file order and reads both formats", async () => {
    const samples = await read(
      [
        { task_id: "A", completion: "x" },
        { task_id: "B", solution: "y" },
        { task_id: "A", completion: "z", extra: 1 },
      ]
        .map((s) => JSON.stringify(s))
        .join("\n") + "\n\n",
    );
    expect(samples.map((s) => [s.taskId, s.sampleIndex, s.candidate.kind, s.line])).toEqual([
      ["A", 0, "completion", 1],
      ["B", 0, "solution", 2],
      ["A", 1, "completion", 3],
    ]);
  });

  it("normalises task ids with the dataset's rule", async () => {
    const samples = await read('{"task_id": 11, "completion": "a"}\n{"task_id": "Mbpp/11", "completion": "b"}\n', mbppTaskId);
    expect(samples.map((s) => [s.taskId, s.sampleIndex])).toEqual([
      ["mbpp/11", 0],
      ["mbpp/11", 1],
    ]);
  });

  it("reports the line of a malformed sample", async () => {
    await expect(read('{"task_id": "A", "completion": "x"}\n{"task_id": "A"}\n')).rejects.toThrow(/:2: .*completion/);
    await expect(read('{"task_id": "A", "completion": "x"}\n{oops\n')).rejects.toBeInstanceOf(MalformedRecordError);
    await expect(read("")).rejects.toThrow(/empty/);
  });
});
