import { rmSync } from "node:fs";
import { type Problem } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidStrategyOptionsError, createStrategy } from "../src/index.js";
import {
  failingRounds,
  functionCode,
  plan,
  planWithoutHeading,
  planWithTwoHeadings,
  programCode,
  refinedPlan,
  sampleKeys,
  simulationAccepts,
  simulationNegated,
  simulationRejects,
  XCODEEVAL_MEET,
  xCodeEvalMirror,
} from "./reference/codesim-script.js";
import { DATA_DIR, type DifferentialCase, expectSameRun, referenceRecords, withTypingImport } from "./reference/differential.js";
import { loadProblems } from "./reference/load-problems.js";

let humanEval: Problem[];
let mbpp: Problem[];
let apps: Problem[];
let xCodeEval: Problem[];
const mirror = xCodeEvalMirror();
beforeAll(async () => {
  [humanEval, mbpp, apps, xCodeEval] = await Promise.all([
    loadProblems("humaneval", { dataDir: DATA_DIR }),
    loadProblems("mbpp-397", { dataDir: DATA_DIR }),
    loadProblems("apps-150", { dataDir: DATA_DIR }),
    loadProblems("xcodeeval", { dataDir: mirror }),
  ]);
});
afterAll(() => rmSync(mirror, { recursive: true, force: true }));

const find = (problems: Problem[], taskId: string) => problems.find((problem) => problem.taskId === taskId)!;

function humanEvalCase(taskId: string, answers: string[]): DifferentialCase {
  const problem = find(humanEval, taskId);
  const record = referenceRecords("codesim-data/HumanEval/HumanEval.jsonl", "task_id").get(taskId)!;
  return { repository: "codesim", referenceStrategy: "CodeSIM", referenceDataset: "HumanEval", record, problem, strategy: "codesim", answers };
}

function appsCase(id: string, answers: string[]): DifferentialCase {
  const problem = find(apps, `APPS/${id}`);
  const record = referenceRecords("codesim-data/APPS/selected150.jsonl", "id").get(id)!;
  return { repository: "codesim", referenceStrategy: "CodeSIM", referenceDataset: "APPS", record, problem, strategy: "codesim", answers };
}

describe("codesim, reference profile, against the authors' CodeSIM", () => {
  it("HumanEval, shortest path: plan accepted, first code passing: 3 calls", async () => {
    const problem = find(humanEval, "HumanEval/0");
    const { reference } = await expectSameRun(humanEvalCase(problem.taskId, [plan("a"), simulationAccepts, functionCode(problem, "a", "all")]), withTypingImport);
    expect(reference.calls).toHaveLength(3);
  });

  it("HumanEval, longest path: 5 plans rejected and refined, 5 debugging calls each, all code failing: 45 calls", async () => {
    const problem = find(humanEval, "HumanEval/0");
    const answers = failingRounds(5, { verify: true, debugCalls: 5 }, (label) => functionCode(problem, label));
    const { reference, cg } = await expectSameRun(humanEvalCase(problem.taskId, answers), withTypingImport);
    expect(reference.calls).toHaveLength(45);
    expect(cg.code).toContain("round 5 try 5");
  });

  it("HumanEval, mixed path: plan parsing's fallbacks, partial failures in the feedback, a pass while debugging", async () => {
    const problem = find(humanEval, "HumanEval/0");
    const [first] = sampleKeys(problem);
    const answers = [
      planWithoutHeading("p1"),
      simulationRejects,
      refinedPlan("p1"),
      functionCode(problem, "c1", [first!]),
      "No fence at all: the whole answer is the code.",
      `<think>Which branch fails?</think>${functionCode(problem, "c2", [], "Python3")}`,
      functionCode(problem, "c3", [first!]),
      functionCode(problem, "c4"),
      functionCode(problem, "c5"),
      planWithTwoHeadings("p2"),
      simulationNegated,
      functionCode(problem, "c6"),
      functionCode(problem, "c7", "all"),
    ];
    const { reference, cg } = await expectSameRun(humanEvalCase(problem.taskId, answers), withTypingImport);
    expect(reference.calls).toHaveLength(13);
    expect(cg.code).toContain("c7");
  });

  it("MBPP, mixed path: a rejected plan refined, then debugging until the tests pass", async () => {
    const problem = find(mbpp, "mbpp_762_check_monthnumber_number");
    const record = referenceRecords("codesim-data/MBPPEval/mbpp-py.jsonl", "name").get(problem.taskId)!;
    const answers = [plan("a"), simulationRejects, refinedPlan("a"), functionCode(problem, "c1"), functionCode(problem, "c2", "all")];
    const { reference } = await expectSameRun(
      { repository: "codesim", referenceStrategy: "CodeSIM", referenceDataset: "MBPP", record, problem, strategy: "codesim", answers },
      withTypingImport,
    );
    expect(reference.calls).toHaveLength(5);
  });

  it("APPS, shortest path: 3 calls", async () => {
    const { reference } = await expectSameRun(appsCase("2098", [plan("a"), simulationAccepts, programCode("a", "all")]));
    expect(reference.calls).toHaveLength(3);
  });

  it("APPS, longest path: CodeSIM keeps 5 plans x 5 debugging calls on contest datasets: 45 calls", async () => {
    const answers = failingRounds(5, { verify: true, debugCalls: 5 }, (label) => programCode(label));
    const { reference } = await expectSameRun(appsCase("2010", answers));
    expect(reference.calls).toHaveLength(45);
  });

  it("APPS, mixed path: a call-based problem, some samples passing, a pass in the second round", async () => {
    const problem = find(apps, "APPS/4724");
    const [first, second] = sampleKeys(problem);
    const answers = [
      plan("p1"),
      simulationAccepts,
      programCode("c1", [first!]),
      programCode("c2", [first!, second!], "Python3"),
      "print('no fence')",
      programCode("c3"),
      programCode("c4"),
      programCode("c5"),
      planWithoutHeading("p2"),
      simulationRejects,
      refinedPlan("p2"),
      programCode("c6", "all"),
    ];
    const { reference } = await expectSameRun(appsCase("4724", answers));
    expect(reference.calls).toHaveLength(12);
  });

  it("xCodeEval, mixed path: the statement cut before its note, one sample failing, a pass on the second debugging call", async () => {
    const problem = find(xCodeEval, XCODEEVAL_MEET);
    const record = referenceRecords("codesim-data/xCodeEval/prog_syn_val.jsonl", "src_uid").get(XCODEEVAL_MEET)!;
    const [first] = sampleKeys(problem);
    const answers = [plan("a"), simulationRejects, refinedPlan("a"), programCode("c1", [first!]), programCode("c2"), programCode("c3", "all")];
    const { reference } = await expectSameRun({ repository: "codesim", referenceStrategy: "CodeSIM", referenceDataset: "xCodeEval", record, problem, strategy: "codesim", answers });
    expect(reference.calls).toHaveLength(6);
  });
});

describe("codesim, reference profile, options", () => {
  it("uses the papers' sampling and refuses the cg profile's options rather than ignoring them", () => {
    expect(createStrategy("codesim").samplingDefaults).toEqual({ temperature: 0, topP: 0.95, maxTokens: 4096 });
    expect(createStrategy("codesim", { prompts: "cg" }).samplingDefaults).toBeUndefined();
    expect(() => createStrategy("codesim", { generatedTests: 2 })).toThrow(InvalidStrategyOptionsError);
    expect(() => createStrategy("codesim", { debug: false })).toThrow(/"debug" is an option of the cg profile; the authors' CodeSIM has no such setting/);
    expect(createStrategy("codesim", { prompts: "cg", generatedTests: 2 }).name).toBe("codesim");
  });
});
