import { rmSync } from "node:fs";
import { type Problem } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RoundShape,
  failingRounds,
  functionCode,
  plan,
  planWithoutHeading,
  planWithTwoHeadings,
  programCode,
  sampleKeys,
  simulationAccepts,
  simulationNegated,
  simulationRejects,
  XCODEEVAL_EVEN_ODD,
  xCodeEvalMirror,
} from "./reference/codesim-script.js";
import { DATA_DIR, type DifferentialCase, expectSameRun, referenceRecords, withTypingImport } from "./reference/differential.js";
import { loadProblems } from "./reference/load-problems.js";

let humanEval: Problem[];
let apps: Problem[];
let xCodeEval: Problem[];
const mirror = xCodeEvalMirror();
beforeAll(async () => {
  [humanEval, apps, xCodeEval] = await Promise.all([
    loadProblems("humaneval", { dataDir: DATA_DIR }),
    loadProblems("apps-150", { dataDir: DATA_DIR }),
    loadProblems("xcodeeval", { dataDir: mirror }),
  ]);
});
afterAll(() => rmSync(mirror, { recursive: true, force: true }));

interface Variant {
  strategy: string;
  referenceStrategy: string;
  shape: (debugCalls: number) => RoundShape;
  /** Calls of a first plan whose first code passes. */
  best: number;
  /** Plan tries and debugging calls per try: HumanEval (5 x 5) and the contest datasets (3 x 3). */
  worst: { humanEval: number; contest: number };
}

const VARIANTS: Variant[] = [
  { strategy: "codesim-wd", referenceStrategy: "CodeSIMWD", shape: () => ({ verify: true, debugCalls: 0 }), best: 3, worst: { humanEval: 20, contest: 12 } },
  { strategy: "codesim-wpv", referenceStrategy: "CodeSIMWPV", shape: (debugCalls) => ({ verify: false, debugCalls }), best: 2, worst: { humanEval: 35, contest: 15 } },
  { strategy: "codesim-wpvd", referenceStrategy: "CodeSIMWPVD", shape: () => ({ verify: false, debugCalls: 0 }), best: 2, worst: { humanEval: 10, contest: 6 } },
];

const find = (problems: Problem[], taskId: string) => problems.find((problem) => problem.taskId === taskId)!;

describe.each(VARIANTS)("$strategy, reference profile, against the authors' $referenceStrategy", (variant) => {
  const humanEvalCase = (answers: string[]): DifferentialCase => ({
    repository: "codesim",
    referenceStrategy: variant.referenceStrategy,
    referenceDataset: "HumanEval",
    record: referenceRecords("codesim-data/HumanEval/HumanEval.jsonl", "task_id").get("HumanEval/0")!,
    problem: find(humanEval, "HumanEval/0"),
    strategy: variant.strategy,
    answers,
  });
  const appsCase = (id: string, answers: string[]): DifferentialCase => ({
    repository: "codesim",
    referenceStrategy: variant.referenceStrategy,
    referenceDataset: "APPS",
    record: referenceRecords("codesim-data/APPS/selected150.jsonl", "id").get(id)!,
    problem: find(apps, `APPS/${id}`),
    strategy: variant.strategy,
    answers,
  });
  const verifying = variant.shape(0).verify;
  const debugging = variant.shape(1).debugCalls > 0;

  it("HumanEval, shortest path", async () => {
    const problem = find(humanEval, "HumanEval/0");
    const answers = [plan("a"), ...(verifying ? [simulationAccepts] : []), functionCode(problem, "a", "all")];
    const { reference } = await expectSameRun(humanEvalCase(answers), withTypingImport);
    expect(reference.calls).toHaveLength(variant.best);
  });

  it("HumanEval, longest path: 5 plan tries, every plan rejected, all code failing", async () => {
    const problem = find(humanEval, "HumanEval/0");
    const answers = failingRounds(5, variant.shape(5), (label) => functionCode(problem, label));
    const { reference } = await expectSameRun(humanEvalCase(answers), withTypingImport);
    expect(reference.calls).toHaveLength(variant.worst.humanEval);
  });

  it("HumanEval, mixed path", async () => {
    const problem = find(humanEval, "HumanEval/0");
    const [first] = sampleKeys(problem);
    const answers = [
      planWithoutHeading("p1"),
      ...(verifying ? [simulationRejects, simulationAccepts] : []),
      functionCode(problem, "c1", [first!]),
      ...(debugging ? ["No fence: the whole answer is the code.", functionCode(problem, "c2", [first!], "Python3"), functionCode(problem, "c3"), functionCode(problem, "c4"), functionCode(problem, "c5")] : []),
      planWithTwoHeadings("p2"),
      ...(verifying ? [simulationNegated] : []),
      functionCode(problem, "c6", "all"),
    ];
    await expectSameRun(humanEvalCase(answers), withTypingImport);
  });

  it("APPS, shortest path", async () => {
    const answers = [plan("a"), ...(verifying ? [simulationAccepts] : []), programCode("a", "all")];
    const { reference } = await expectSameRun(appsCase("2098", answers));
    expect(reference.calls).toHaveLength(variant.best);
  });

  it("APPS, longest path: the class's own contest budget of 3 plan tries (and 3 debugging calls)", async () => {
    const answers = failingRounds(3, variant.shape(3), (label) => programCode(label));
    const { reference } = await expectSameRun(appsCase("2010", answers));
    expect(reference.calls).toHaveLength(variant.worst.contest);
  });

  it("APPS, mixed path", async () => {
    const problem = find(apps, "APPS/1607");
    const [first] = sampleKeys(problem);
    const answers = [
      plan("p1"),
      ...(verifying ? [simulationRejects, simulationRejects] : []),
      programCode("c1", [first!]),
      ...(debugging ? [programCode("c2", [first!], "Python3"), programCode("c3", "all")] : [planWithoutHeading("p2"), ...(verifying ? [simulationAccepts] : []), programCode("c3", "all")]),
    ];
    await expectSameRun(appsCase("1607", answers));
  });

  it("xCodeEval, longest path: 3 plan tries there too", async () => {
    const answers = failingRounds(3, variant.shape(3), (label) => programCode(label));
    const { reference } = await expectSameRun({
      repository: "codesim",
      referenceStrategy: variant.referenceStrategy,
      referenceDataset: "xCodeEval",
      record: referenceRecords("codesim-data/xCodeEval/prog_syn_val.jsonl", "src_uid").get(XCODEEVAL_EVEN_ODD)!,
      problem: find(xCodeEval, XCODEEVAL_EVEN_ODD),
      strategy: variant.strategy,
      answers,
    });
    expect(reference.calls).toHaveLength(variant.worst.contest);
  });
});
