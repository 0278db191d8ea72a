import type { Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { answerRules, answerShape, fenced, problemWithTests } from "../../problem-text.js";

export interface PromptSettings {
  /** Related problems recalled while planning: 1 in CodeSIM, more in its analogical variant. */
  exemplars: number;
  /** Competitive-programming guidance (CodeSIMC). */
  competitive: boolean;
}

/** Planning: understand, recall related problem(s), pick the algorithm, write the plan; no code. */
export function planningPrompt(problem: Problem, settings: PromptSettings): string {
  const language = languageName(problem.language);
  const many = settings.exemplars > 1;
  return [
    `Plan a ${language} solution to the programming problem below. You will not write its code yet.`,
    problemWithTests(problem),
    [
      "Write these four sections, in this order:",
      "",
      "### Understanding",
      "Say in your own words what the problem asks: the inputs, the outputs, the rules, and the edge cases.",
      "",
      many ? "### Related problems" : "### Related problem",
      many
        ? `Recall ${settings.exemplars} programming problems that are relevant to this one but different from it and from each other. For each:`
        : "Recall one programming problem that is relevant to this one but different from it. For it:",
      "- describe it;",
      `- solve it step by step in ${language} code;`,
      "- explain the algorithm that code uses, and summarise the plan it follows.",
      "",
      "### Algorithm",
      "Name the algorithm best suited to the original problem and teach how to apply it: how to approach problems of",
      "this kind and what to be careful about.",
      ...(settings.competitive ? ["Check its time and memory cost against the problem's constraints."] : []),
      "",
      "### Plan",
      "A detailed, numbered, step-by-step plan that solves the original problem.",
      "",
      "Do not write code for the original problem.",
    ].join("\n"),
  ].join("\n\n");
}

/** Plan verification: carry the plan out by hand on a sample and conclude with a verdict line. */
export function simulationPrompt(problem: Problem, plan: string): string {
  const sample =
    problem.publicTests.length > 0
      ? "Take one of the sample tests"
      : "Take an example from the problem statement (or, if it has none, a small input whose expected output you work out from the statement)";
  return [
    "Check the plan below for a programming problem by carrying it out by hand before any code is written.",
    problemWithTests(problem),
    `## Plan\n\n${plan}`,
    [
      "### Simulation",
      `${sample}. Apply the plan to its input one step at a time, by reasoning alone (no code), writing down the`,
      "intermediate values. Compare the result with the expected output. If they differ, or a step is ambiguous,",
      "say which step is at fault and why.",
      "",
      "### Verdict",
      "End with exactly one of these two lines:",
      "Verdict: PLAN_OK",
      "Verdict: PLAN_NEEDS_CHANGE",
    ].join("\n"),
  ].join("\n\n");
}

/** Plan refinement: rewrite the plan in light of the failed simulation. */
export function refinementPrompt(problem: Problem, plan: string, critique: string): string {
  return [
    "The plan below for a programming problem was checked by simulating it by hand, and the check found a flaw.",
    "Rewrite the plan so that it is correct.",
    problemWithTests(problem),
    `## Plan\n\n${plan}`,
    `## Findings of the check\n\n${critique.trim()}`,
    [
      "Reply with the corrected plan only, under the heading `### Plan`: a detailed, numbered list of steps",
      "solving the original problem, each following from the one before. No other explanation, no code.",
    ].join("\n"),
  ].join("\n\n");
}

export function codingPrompt(problem: Problem, plan: string, settings: PromptSettings): string {
  return [
    `Write ${languageName(problem.language)} code for the programming problem below by implementing the plan.`,
    problemWithTests(problem),
    `## Plan\n\n${plan}`,
    answerRules(problem, { competitive: settings.competitive }),
    "Reply with the code only.",
  ].join("\n\n");
}

/** Debugging: simulate a failing input through the plan, blame the plan or its translation, fix the code. */
export function debuggingPrompt(problem: Problem, plan: string, program: string, failures: string, settings: PromptSettings): string {
  const language = languageName(problem.language);
  return [
    `The ${language} code below was written from a plan for this problem, and it fails sample tests.`,
    "Change it so that it passes them; returning the same code is not an answer.",
    problemWithTests(problem),
    `## Plan\n\n${plan}`,
    `## Code\n\n${program.trim() === "" ? "(no code was produced)" : fenced(program, problem.language)}`,
    `## Failing tests\n\n${failures}`,
    [
      "Write these three sections:",
      "",
      "### Simulation of a failing test",
      "Take the input of one failing test and follow the plan step by step, writing down intermediate values,",
      "and compare with what the code does, until you reach the point where the result departs from the expected output.",
      "",
      "### Diagnosis",
      "Decide which is the case: the plan itself is wrong, or the plan is right and the code does not follow it.",
      "Then say how to correct it.",
      "",
      "### Corrected code",
      "The complete corrected code, with a short comment at each change.",
      "",
      "The current code is wrong, so do not defend it.",
    ].join("\n"),
    answerRules(problem, { competitive: settings.competitive }),
  ].join("\n\n");
}

/** Extra tests written by the model, added to the sample tests (off by default). */
export function testWritingPrompt(problem: Problem, count: number): string {
  const shape = answerShape(problem);
  const layout =
    shape.kind === "function"
      ? [
          `Write each test as one \`assert\` line calling \`${shape.entryPoint}\`, for example`,
          `\`assert ${shape.entryPoint}(...) == ...\`, all in a single \`\`\`${problem.language} block.`,
        ]
      : ["Write each test as", "<test>", "<input>", "the exact standard input", "</input>", "<output>", "the exact expected output", "</output>", "</test>"];
  return [
    `Write ${count} test case${count === 1 ? "" : "s"} for the programming problem below.`,
    problemWithTests(problem),
    [
      "Cover ordinary cases and edge cases, and include only tests whose expected result follows for certain from the statement.",
      ...layout,
    ].join("\n"),
  ].join("\n\n");
}
