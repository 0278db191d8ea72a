import type { Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { answerRules, fenced, problemWithTests } from "../../problem-text.js";
import type { Exemplar } from "./answers.js";

/** Retrieval agent: k distinct exemplars with plan and code, and the problem's algorithm category. */
export function retrievalPrompt(problem: Problem, k: number): string {
  const language = languageName(problem.language);
  return [
    "Before solving the programming problem below, recall similar problems you already know how to solve.",
    problemWithTests(problem),
    [
      `Recall ${k} programming problem${k === 1 ? "" : "s"} relevant to this one, each different from it${k === 1 ? "" : " and from the others"}.`,
      `For each, describe the problem, write a step-by-step plan that solves it, and give ${language} code that carries out that plan.`,
      "Then name the algorithm category the original problem belongs to (for example brute force, greedy, dynamic programming,",
      "divide and conquer, binary search, graph search, sorting, two pointers, string processing, math) and give a short",
      "tutorial on that kind of algorithm: how to approach it and what to watch out for.",
      "",
      "Answer in exactly this layout:",
      "<exemplar>",
      "<description>the recalled problem</description>",
      "<plan>numbered steps solving it</plan>",
      `<code>\n${fenced("# code for the recalled problem", problem.language)}\n</code>`,
      "</exemplar>",
      `(one <exemplar> block per recalled problem, ${k} in total)`,
      "<algorithm>the category and the tutorial</algorithm>",
    ].join("\n"),
  ].join("\n\n");
}

/** Planning agent: a plan for the original problem modelled on one exemplar, with a confidence score. */
export function planningPrompt(problem: Problem, exemplar: Exemplar, algorithm: string): string {
  return [
    "Plan a solution to the programming problem below, taking a similar problem you have solved as a guide.",
    problemWithTests(problem),
    exemplarSection(exemplar, problem.language),
    algorithm ? `## Relevant algorithm\n\n${algorithm}` : "",
    [
      "Write a detailed, numbered, step-by-step plan for the original problem. Do not write code.",
      "Then rate how confident you are, from 0 to 100, that code following this plan solves the original problem",
      "correctly, including its edge cases and sample tests.",
      "",
      "Answer in exactly this layout:",
      "<plan>",
      "1. ...",
      "</plan>",
      "Confidence: <a whole number from 0 to 100>",
    ].join("\n"),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
}

/** Coding agent: code for the original problem from the chosen plan. */
export function codingPrompt(problem: Problem, plan: string, algorithm: string): string {
  return [
    `Write ${languageName(problem.language)} code for the programming problem below by following the plan.`,
    problemWithTests(problem),
    algorithm ? `## Relevant algorithm\n\n${algorithm}` : "",
    `## Plan\n\n${plan}`,
    answerRules(problem),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
}

/** Debugging agent: the plan, the failing code and the test log in, corrected code out. */
export function debuggingPrompt(problem: Problem, plan: string, program: string, failures: string): string {
  return [
    `The ${languageName(problem.language)} code below was written from the plan for this problem, but it fails sample tests. Fix it.`,
    problemWithTests(problem),
    `## Plan\n\n${plan}`,
    `## Code\n\n${program.trim() === "" ? "(no code was produced)" : fenced(program, problem.language)}`,
    `## Failing tests\n\n${failures}`,
    [
      "First trace one failing test through the code by hand, step by step, to find where its result departs from the",
      "expected output. Then explain the bug (in the plan or in the code) and give the complete corrected code.",
    ].join("\n"),
    answerRules(problem),
  ].join("\n\n");
}

function exemplarSection(exemplar: Exemplar, language: string): string {
  const parts = [`## Similar problem\n\n${exemplar.description}`];
  if (exemplar.plan) parts.push(`### Its plan\n\n${exemplar.plan}`);
  if (exemplar.code) parts.push(`### Its code\n\n${fenced(exemplar.code, language)}`);
  return parts.join("\n\n");
}
