import { beforeAll, describe, expect, it } from "vitest";
import { strategies } from "../src/index.js";
import { codeAnswerShapes } from "./reference/answer-shapes.js";
import { type DifferentialCase, expectSameRun, withTypingImport } from "./reference/differential.js";
import { loadPaperProblems, type PaperProblem, type PaperProblems } from "./reference/paper-problems.js";

let paper: PaperProblems;
beforeAll(async () => {
  paper = await loadPaperProblems(3);
});

/**
 * Runs each problem through the authors' CoTStrategy and cot, each with one answer shape (taken
 * in turn from `shape` on), and returns the number of calls each run made.
 */
async function expectSameRuns(problems: PaperProblem[], shape: number): Promise<Array<{ calls: number; prompt: string }>> {
  const runs = await Promise.all(
    problems.map(({ problem, record, referenceDataset, functionStyle }, i) => {
      const shapes = codeAnswerShapes(functionStyle ? problem.entryPoint : undefined, `cot ${problem.taskId}`);
      const answer = shapes[(shape + i) % shapes.length]!;
      const c: DifferentialCase = { repository: "codesim", referenceStrategy: "CoT", referenceDataset, record, problem, strategy: "cot", answers: [answer] };
      return expectSameRun(c, functionStyle ? withTypingImport : undefined);
    }),
  );
  return runs.map(({ reference }) => ({ calls: reference.calls.length, prompt: reference.calls[0]?.messages[0]?.content ?? "" }));
}

describe("cot, reference profile, against the authors' CoTStrategy", () => {
  it("is the default profile", () => {
    expect(strategies.cot!.defaults).toEqual({ prompts: "reference" });
  });

  // The answer shapes go round each dataset family: every shape meets a function and a program.
  it("shows HumanEval's worked examples and asks once", async () => {
    const runs = await expectSameRuns(paper.humanEval, 0);
    expect(runs.map((run) => run.calls)).toEqual([1, 1, 1]);
  });

  it("shows MBPP no worked examples but the word None, as the authors' code does", async () => {
    const runs = await expectSameRuns(paper.mbpp.slice(0, 2), 3);
    expect(runs.map((run) => run.calls)).toEqual([1, 1]);
    // MBPPDataset matches none of the dataset branches, so the examples variable stays None.
    for (const run of runs) expect(run.prompt.startsWith("None\n")).toBe(true);
  });

  it("shows APPS's worked examples, with and without the sample format, and asks once", async () => {
    const runs = await expectSameRuns([...paper.apps.slice(0, 2), paper.appsWithoutSamples], 0);
    expect(runs.map((run) => run.calls)).toEqual([1, 1, 1]);
  });

  it("shows xCodeEval's worked examples and asks once", async () => {
    const runs = await expectSameRuns(paper.xCodeEval.slice(0, 2), 3);
    expect(runs.map((run) => run.calls)).toEqual([1, 1]);
  });

  it("shows CodeContests' worked examples for a standard-input problem outside the papers' datasets", async () => {
    const runs = await expectSameRuns(paper.otherContest.slice(0, 2), 1);
    expect(runs.map((run) => run.calls)).toEqual([1, 1]);
  });
});
