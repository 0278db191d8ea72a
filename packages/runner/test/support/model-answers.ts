import type { Problem, Suite } from "@cg/datasets";
import { programText } from "@cg/strategies";

/** The problems a test works on, with right and wrong code for each, found again from a prompt. */
export class ProblemBook {
  constructor(
    private readonly suite: Suite,
    readonly problems: readonly Problem[],
  ) {}

  /** The problem whose statement a prompt contains. */
  problemIn(prompt: string): Problem {
    const found = this.problems.find((problem) => prompt.includes(problem.prompt.trim()));
    if (!found) throw new Error(`no known problem in the prompt: ${prompt.slice(0, 200)}`);
    return found;
  }

  /** The dataset's reference solution as a whole program. */
  rightCode(problem: Problem): string {
    const candidate = this.suite.canonical(problem);
    if (!candidate) throw new Error(`${problem.taskId} has no reference solution`);
    return programText(problem, candidate);
  }

  /** A function with the right name that returns the wrong thing. */
  wrongCode(problem: Problem): string {
    return `def ${problem.entryPoint}(*args, **kwargs):\n    return None\n`;
  }
}

export function fenced(code: string): string {
  return `\`\`\`python\n${code.trimEnd()}\n\`\`\``;
}

/**
 * What a cooperative model answers to each prompt of the registered strategies, read from the
 * prompts' own wording: plans, confidences and verdicts in the formats the strategies parse, a
 * simulation that asks for one refinement, model-written tests, and code. `firstCode` answers
 * coding prompts; `fixedCode` answers debugging prompts (those showing failing tests).
 */
export function strategyAnswer(prompt: string, problem: Problem, firstCode: string, fixedCode: string): string {
  if (prompt.startsWith("Before solving the programming problem below, recall similar problems")) {
    return [1, 2]
      .map(
        (i) =>
          `<exemplar>\n<description>Related problem ${i}: add up the numbers of a list of length ${i}.</description>\n` +
          `<plan>1. Start from 0.\n2. Add each number.</plan>\n<code>\n${fenced(`def total${i}(xs):\n    return sum(xs)`)}\n</code>\n</exemplar>`,
      )
      .concat("<algorithm>Brute force: try the direct computation and check the edge cases.</algorithm>")
      .join("\n");
  }
  if (prompt.startsWith("Plan a solution to the programming problem below, taking a similar problem")) {
    return "<plan>\n1. Read the arguments.\n2. Compute the result directly.\n</plan>\nConfidence: 90";
  }
  if (prompt.startsWith("Plan a Python solution") || prompt.startsWith("You will plan a Python solution")) {
    return "### Understanding\nCompute the requested value.\n\n### Plan\n1. Read the arguments.\n2. Compute the result directly.";
  }
  if (prompt.startsWith("Check the plan below")) {
    const refined = prompt.includes("(refined)");
    return `### Simulation\nApplying the plan to the first sample gives the expected output${refined ? "" : " only after a fix to step 2"}.\n\n### Verdict\nVerdict: ${refined ? "PLAN_OK" : "PLAN_NEEDS_CHANGE"}`;
  }
  if (prompt.startsWith("The plan below for a programming problem was checked")) {
    return "### Plan\n1. Read the arguments.\n2. Compute the result directly, handling empty input first. (refined)";
  }
  if (/^Write \d+ test cases? for the programming problem below/.test(prompt)) {
    const asserts = problem.publicTests.flatMap((test) => (test.kind === "assert" ? [test.code] : []));
    return fenced(asserts.join("\n"));
  }
  // The reference profile's debugging prompts show the failing code in a block tagged with the authors' language name.
  const showsFailingCode = prompt.includes("## Failing tests") || prompt.includes(`\`\`\`Python3\n${firstCode.trim()}\n\`\`\``);
  const code = showsFailingCode ? fixedCode : firstCode;
  return `Here is the solution.\n\n${fenced(code)}\n`;
}
