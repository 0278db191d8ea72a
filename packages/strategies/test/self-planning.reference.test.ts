import { beforeAll, describe, expect, it } from "vitest";
import { strategies } from "../src/index.js";
import { codeAnswerShapes } from "./reference/answer-shapes.js";
import { type DifferentialCase, expectSameRun, runCg, runReference, withTypingImport } from "./reference/differential.js";
import { loadPaperProblems, type PaperProblem, type PaperProblems } from "./reference/paper-problems.js";

let paper: PaperProblems;
beforeAll(async () => {
  paper = await loadPaperProblems(3);
});

/** Planning answers: a numbered list, a plan with a sketch in a fence, a plan in loose whitespace. */
const PLANS = [
  "1. Read the input.\n2. Compute the answer.\n3. Return or print it.",
  "Plan:\n```python\n# sketch: a loop over the input\n```\n1. Loop over the input.\n2. Keep the best value.",
  "\n\n  Step one: parse.   \n\nStep two: solve.\n\n",
];

function planningCase({ problem, record, referenceDataset, functionStyle }: PaperProblem, shape: number): DifferentialCase {
  const codes = codeAnswerShapes(functionStyle ? problem.entryPoint : undefined, `self-planning ${problem.taskId}`);
  const answers = [PLANS[shape % PLANS.length]!, codes[shape % codes.length]!];
  return { repository: "codesim", referenceStrategy: "SelfPlanning", referenceDataset, record, problem, strategy: "self-planning", answers };
}

/**
 * Runs each problem through the authors' SelfPlanningStrategy and self-planning, with answer
 * shapes taken in turn from `shape` on, and returns each run's calls.
 */
async function expectSameRuns(problems: PaperProblem[], shape: number): Promise<Array<{ calls: number; planningPrompt: string }>> {
  const runs = await Promise.all(
    problems.map((p, i) => expectSameRun(planningCase(p, shape + i), p.functionStyle ? withTypingImport : undefined)),
  );
  return runs.map(({ reference }) => ({ calls: reference.calls.length, planningPrompt: reference.calls[0]?.messages[0]?.content ?? "" }));
}

describe("self-planning, reference profile, against the authors' SelfPlanningStrategy", () => {
  it("is the default profile", () => {
    expect(strategies["self-planning"]!.defaults).toEqual({ prompts: "reference" });
  });

  // The answer shapes go round each dataset family: every shape meets a function and a program.
  it("plans after HumanEval's worked examples, then implements the whole planning answer", async () => {
    const runs = await expectSameRuns(paper.humanEval, 0);
    expect(runs.map((run) => run.calls)).toEqual([2, 2, 2]);
  });

  it("plans after the word None on MBPP, as the authors' code does", async () => {
    const runs = await expectSameRuns(paper.mbpp.slice(0, 2), 3);
    expect(runs.map((run) => run.calls)).toEqual([2, 2]);
    // MBPPDataset matches none of the dataset branches, so the examples variable stays None.
    for (const run of runs) expect(run.planningPrompt.startsWith("None\n")).toBe(true);
  });

  it("plans after APPS's worked examples, with and without the sample format", async () => {
    const runs = await expectSameRuns([...paper.apps.slice(0, 2), paper.appsWithoutSamples], 0);
    expect(runs.map((run) => run.calls)).toEqual([2, 2, 2]);
  });

  it("plans after xCodeEval's worked examples", async () => {
    const runs = await expectSameRuns(paper.xCodeEval.slice(0, 2), 3);
    expect(runs.map((run) => run.calls)).toEqual([2, 2]);
  });

  it("plans after CodeContests' worked examples for a standard-input problem outside the papers' datasets", async () => {
    const runs = await expectSameRuns(paper.otherContest.slice(0, 2), 1);
    expect(runs.map((run) => run.calls)).toEqual([2, 2]);
  });

  it("keeps inline reasoning out of the plan it passes on", async () => {
    const plain = planningCase(paper.humanEval[0]!, 0);
    const [plan, code] = plain.answers as [string, string];
    const reasoned = { ...plain, answers: [`<think>Maybe sort first? No.</think>\n${plan}`, code] };
    const [reference, cg] = await Promise.all([runReference(plain), runCg(reasoned)]);
    expect(cg.calls).toEqual(reference.calls);
    expect(cg.calls[1]!.messages[0]!.content).not.toContain("sort first");
  });
});
