import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findResultsDirectories, InvalidResultsError, NotAResultsDirectoryError, openResultsDirectory } from "../src/index";
import { syntheticProblems, writeSyntheticRun } from "./support/synthetic-runs";

let root: string;
const problems = syntheticProblems("synthetic", 3);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cg-report-dirs-"));
  const run = { dataset: "synthetic", model: "openai:m", n: 1, passRate: () => 0.5, calls: 1, seed: 1 };
  await writeSyntheticRun(join(root, "sweep", "synthetic", "direct", "m", "a"), problems, { ...run, strategy: "direct" });
  await writeSyntheticRun(join(root, "sweep", "synthetic", "cot", "m", "b"), problems, { ...run, strategy: "cot" });
});

describe("findResultsDirectories", () => {
  it("returns a results directory itself", () => {
    const dir = join(root, "sweep", "synthetic", "cot", "m", "b");
    expect(findResultsDirectories(dir)).toEqual([dir]);
  });

  it("finds every results directory below a folder, in path order", () => {
    expect(findResultsDirectories(join(root, "sweep"))).toEqual([
      join(root, "sweep", "synthetic", "cot", "m", "b"),
      join(root, "sweep", "synthetic", "direct", "m", "a"),
    ]);
  });

  it("says what a results directory is when given something else", () => {
    const empty = join(root, "empty");
    mkdirSync(empty);
    expect(() => findResultsDirectories(empty)).toThrow(NotAResultsDirectoryError);
    expect(() => findResultsDirectories(empty)).toThrow(/is not a results directory and holds none: pass the output directory of cg run or cg eval/);
    expect(() => findResultsDirectories(join(root, "missing"))).toThrow(/missing is not a directory/);
    const file = join(root, "file.txt");
    writeFileSync(file, "x");
    expect(() => findResultsDirectories(file)).toThrow(NotAResultsDirectoryError);
  });

  it("tells an unfinished run to be finished first", () => {
    const unfinished = join(root, "unfinished");
    mkdirSync(unfinished);
    writeFileSync(join(unfinished, "results.jsonl"), "");
    expect(() => findResultsDirectories(unfinished)).toThrow(/has no summary.json: the run did not finish; rerun the same cg run or cg eval command/);
  });
});

describe("openResultsDirectory", () => {
  it("reads a run's summary and configuration", () => {
    const directory = openResultsDirectory(join(root, "sweep", "synthetic", "direct", "m", "a"));
    expect(directory.kind).toBe("run");
    expect(directory.summary.problems).toBe(3);
    expect(directory.config?.identity.strategy).toBe("direct");
    expect(directory.tracePath).toMatch(/trace\.jsonl$/);
  });

  it("recognises an evaluation and refuses a damaged summary", () => {
    const dir = join(root, "eval");
    mkdirSync(dir);
    writeFileSync(join(dir, "evaluation.json"), "{}");
    writeFileSync(join(dir, "results.jsonl"), "");
    writeFileSync(join(dir, "summary.json"), "{not json");
    expect(() => openResultsDirectory(dir)).toThrow(InvalidResultsError);
    expect(() => openResultsDirectory(dir)).toThrow(/summary.json is not valid JSON/);
    expect(() => openResultsDirectory(root)).toThrow(NotAResultsDirectoryError);
  });
});
