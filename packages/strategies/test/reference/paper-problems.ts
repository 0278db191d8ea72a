import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Problem } from "@cg/datasets";
import { DATA_DIR, referenceRecords } from "./differential.js";
import { loadProblems } from "./load-problems.js";

/**
 * Real problems of the papers' datasets for differential tests: cg's problem as its dataset loads
 * it, next to the authors' record of the same problem (codesim-data) and the name their
 * DatasetFactory knows the dataset by.
 */
export interface PaperProblem {
  problem: Problem;
  record: Record<string, unknown>;
  referenceDataset: string;
  /** A function to complete (HumanEval, MBPP), rather than a program on standard input. */
  functionStyle: boolean;
}

export interface PaperProblems {
  humanEval: PaperProblem[];
  mbpp: PaperProblem[];
  apps: PaperProblem[];
  /** The first APPS-150 problem without samples: the authors' prompt then has no sample format. */
  appsWithoutSamples: PaperProblem;
  xCodeEval: PaperProblem[];
  /**
   * Standard-input problems of a dataset outside the papers', which the reference profile poses
   * as CodeContests (the statement alone): APPS standard-input problems stripped of their record. The
   * authors' CodeContests records are not staged, and cg's are DeepMind's.
   */
  otherContest: PaperProblem[];
}

function paired(problems: Problem[], records: Map<string, Record<string, unknown>>, referenceDataset: string, key: (problem: Problem) => string): PaperProblem[] {
  return problems.map((problem) => {
    const record = records.get(key(problem));
    if (!record) throw new Error(`the authors' ${referenceDataset} records have no ${key(problem)}`);
    return { problem, record, referenceDataset, functionStyle: ["HumanEval", "MBPP"].includes(referenceDataset) };
  });
}

/**
 * xCodeEval's hidden unit tests are not staged: the dataset loads from a mirror that joins the
 * staged statements with unit tests made of each problem's samples (only the statements matter here).
 */
async function loadXCodeEval(): Promise<Problem[]> {
  const mirror = mkdtempSync(join(tmpdir(), "cg-reference-xcodeeval-"));
  try {
    symlinkSync(join(DATA_DIR, "codesim-data"), join(mirror, "codesim-data"));
    mkdirSync(join(mirror, "xcodeeval"));
    const statements = readFileSync(join(DATA_DIR, "codesim-data/xCodeEval/prog_syn_val.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { src_uid: string; sample_inputs: string[]; sample_outputs: string[] });
    const unitTests = Object.fromEntries(
      statements.map((s) => [s.src_uid, s.sample_inputs.map((input, i) => ({ input, output: [s.sample_outputs[i] ?? ""] }))]),
    );
    writeFileSync(join(mirror, "xcodeeval", "unittest_db.json"), JSON.stringify(unitTests));
    return await loadProblems("xcodeeval", { dataDir: mirror });
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }
}

/** The first `count` problems of each dataset. */
export async function loadPaperProblems(count: number): Promise<PaperProblems> {
  const [humanEval, mbpp, apps, xCodeEval] = await Promise.all([
    loadProblems("humaneval", { dataDir: DATA_DIR }),
    loadProblems("mbpp-397", { dataDir: DATA_DIR }),
    loadProblems("apps-150", { dataDir: DATA_DIR }),
    loadXCodeEval(),
  ]);
  const appsId = (problem: Problem) => problem.taskId.replace("APPS/", "");
  const appsProblems = paired(apps, referenceRecords("codesim-data/APPS/selected150.jsonl", "id"), "APPS", appsId);
  return {
    humanEval: paired(humanEval.slice(0, count), referenceRecords("codesim-data/HumanEval/HumanEval.jsonl", "task_id"), "HumanEval", (p) => p.taskId),
    mbpp: paired(mbpp.slice(0, count), referenceRecords("codesim-data/MBPPEval/mbpp-py.jsonl", "name"), "MBPP", (p) => p.taskId),
    apps: appsProblems.slice(0, count),
    appsWithoutSamples: appsProblems.find(({ record }) => Array.isArray(record.sample_io) && record.sample_io.length === 0)!,
    xCodeEval: paired(xCodeEval.slice(0, count), referenceRecords("codesim-data/xCodeEval/prog_syn_val.jsonl", "src_uid"), "xCodeEval", (p) => p.taskId),
    otherContest: apps
      .filter((problem) => !problem.entryPoint)
      .slice(0, count)
      .map((problem) => {
        const { reference: _record, ...outside } = problem;
        return { problem: outside, record: { id: problem.taskId, description: problem.prompt }, referenceDataset: "CC", functionStyle: false };
      }),
  };
}
