import { beforeAll, describe, expect, it } from "vitest";
import { createStrategy, InvalidStrategyOptionsError, strategies } from "../src/index.js";
import { type DifferentialCase, expectSameRun, withTypingImport } from "./reference/differential.js";
import { loadPaperProblems, type PaperProblem, type PaperProblems } from "./reference/paper-problems.js";

let paper: PaperProblems;
beforeAll(async () => {
  paper = await loadPaperProblems(3);
});

/** The code of the solution and of the recalled examples, as a function or a program. */
function codes({ problem, functionStyle }: PaperProblem): { solution: string; examples: string[] } {
  const entryPoint = functionStyle ? problem.entryPoint : undefined;
  return {
    solution: entryPoint ? `def ${entryPoint}(*args):\n    return "solution"` : `print(input())  # solution`,
    examples: [1, 2, 3].map((i) => (entryPoint ? `def example_${i}(xs):\n    return sorted(xs)[${i}]` : `print(sorted(input().split())[${i}])  # example ${i}`)),
  };
}

/**
 * An answer in the order the authors' prompt asks for: the core ideas, a tutorial, three example
 * problems with code, then the solution. The fence tags vary: `parse_response` takes the last
 * block of the tag latest in its list, which may be an example's.
 */
function analogicalAnswer(p: PaperProblem, shape: number): string {
  const { solution, examples } = codes(p);
  const sections = (exampleTag: string, solutionBlock: string) =>
    [
      "Core ideas: sorting, then a linear scan.",
      "How they work: sorted values put equal ones side by side, so one pass finds them.",
      "Related problems:",
      ...examples.map((code, i) => `### Problem ${i + 1}\nFind the ${i + 1}th smallest value.\nSolution: sort, then index.\n\`\`\`${exampleTag}\n${code}\n\`\`\``),
      "The problem itself: sort, then scan.",
      solutionBlock,
    ].join("\n\n");
  const shapes = [
    sections("python3", `\`\`\`python3\n${solution}\n\`\`\``),
    sections("python", `\`\`\`python3\n${solution}\n\`\`\``),
    // The solution's tag is earlier in parse_response's list than the examples': an example's code is taken.
    sections("python3", `\`\`\`python\n${solution}\n\`\`\``),
    // No fence anywhere: the whole answer is taken as the code.
    ["Core ideas: arithmetic.", "The problem itself:", solution].join("\n\n"),
    // The closing fence right after the code: the match tuple's join appends the last character.
    sections("python3", `\`\`\`python3\n${solution}\`\`\``),
  ];
  return shapes[shape % shapes.length]!;
}

function analogicalCase(p: PaperProblem, shape: number): DifferentialCase {
  const { problem, record, referenceDataset } = p;
  return { repository: "codesim", referenceStrategy: "Analogical", referenceDataset, record, problem, strategy: "analogical", answers: [analogicalAnswer(p, shape)] };
}

/** Runs each problem through the authors' AnalogicalStrategy and analogical, with answer shapes taken in turn from `shape` on. */
async function expectSameRuns(problems: PaperProblem[], shape: number): Promise<Array<{ calls: number; code: string }>> {
  const runs = await Promise.all(problems.map((p, i) => expectSameRun(analogicalCase(p, shape + i), p.functionStyle ? withTypingImport : undefined)));
  return runs.map(({ reference, cg }) => ({ calls: reference.calls.length, code: cg.code }));
}

describe("analogical, reference profile, against the authors' AnalogicalStrategy", () => {
  it("is the default profile, with the three examples the authors' prompt asks for", () => {
    expect(strategies.analogical!.defaults).toEqual({ prompts: "reference", exemplars: 3 });
    expect(() => createStrategy("analogical", { exemplars: 2 })).toThrow(InvalidStrategyOptionsError);
    expect(() => createStrategy("analogical", { exemplars: 2 })).toThrow(/exemplars: the reference prompt asks for 3 example problems.*set prompts to "cg"/);
    expect(createStrategy("analogical", { prompts: "cg", exemplars: 2 }).name).toBe("analogical");
  });

  // The answer shapes go round each dataset family: every shape meets a function and a program.
  it("asks once on HumanEval and takes the code parse_response takes", async () => {
    const runs = await expectSameRuns(paper.humanEval, 0);
    expect(runs.map((run) => run.calls)).toEqual([1, 1, 1]);
  });

  it("asks once on MBPP", async () => {
    const runs = await expectSameRuns(paper.mbpp.slice(0, 2), 3);
    expect(runs.map((run) => run.calls)).toEqual([1, 1]);
  });

  it("takes a recalled example's code when its fence tag wins, as the authors' parsing does", async () => {
    const [humanEval] = await expectSameRuns(paper.humanEval.slice(0, 1), 2);
    expect(humanEval!.code).toContain("def example_3(xs)");
    const [apps] = await expectSameRuns(paper.apps.slice(0, 1), 2);
    expect(apps!.code).toContain("# example 3");
  });

  it("asks once on APPS, with and without the sample format", async () => {
    const runs = await expectSameRuns([...paper.apps.slice(0, 2), paper.appsWithoutSamples], 0);
    expect(runs.map((run) => run.calls)).toEqual([1, 1, 1]);
  });

  it("asks once on xCodeEval", async () => {
    const runs = await expectSameRuns(paper.xCodeEval.slice(0, 2), 3);
    expect(runs.map((run) => run.calls)).toEqual([1, 1]);
  });

  it("asks once on a standard-input problem outside the papers' datasets", async () => {
    const runs = await expectSameRuns(paper.otherContest.slice(0, 2), 1);
    expect(runs.map((run) => run.calls)).toEqual([1, 1]);
  });
});
