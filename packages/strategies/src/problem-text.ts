import type { Problem, PublicTest, PublicTestReport } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { definesFunction } from "./code-extraction.js";

/**
 * How a problem expects its answer:
 * - `function`: a function named `entryPoint` that the tests call; `signatureGiven` when the
 *   prompt is the function's signature and docstring (HumanEval) rather than prose (MBPP).
 * - `program`: a program reading standard input and writing standard output (APPS, CodeContests).
 */
export type AnswerShape = { kind: "function"; entryPoint: string; signatureGiven: boolean } | { kind: "program" };

export function answerShape(problem: Problem): AnswerShape {
  const { entryPoint } = problem;
  if (!entryPoint) return { kind: "program" };
  return { kind: "function", entryPoint, signatureGiven: definesFunction(problem.prompt, entryPoint) };
}


/** The problem statement; a prompt that is code is fenced so that it reads as code. */
export function problemSection(problem: Problem): string {
  const shape = answerShape(problem);
  const statement = shape.kind === "function" && shape.signatureGiven ? fenced(problem.prompt, problem.language) : problem.prompt.trim();
  return `## Problem\n\n${statement}`;
}

/** The public tests as a prompt section, or "" when the problem has none. */
export function sampleTestsSection(tests: readonly PublicTest[], language: string): string {
  if (tests.length === 0) return "";
  return `## Sample tests\n\n${formatTests(tests, language)}`;
}

export function formatTests(tests: readonly PublicTest[], language: string): string {
  const asserts = tests.flatMap((test) => (test.kind === "assert" ? [test.code.trim()] : []));
  const ios = tests.flatMap((test) => (test.kind === "io" ? [test] : []));
  const parts: string[] = [];
  if (asserts.length > 0) parts.push(fenced(asserts.join("\n"), language));
  ios.forEach((test, index) => {
    parts.push(`Sample ${index + 1}\nInput:\n${fenced(test.input, "")}\nExpected output:\n${fenced(test.output, "")}`);
  });
  return parts.join("\n\n");
}

/** Problem statement and sample tests, the opening of most prompts. */
export function problemWithTests(problem: Problem): string {
  return [problemSection(problem), sampleTestsSection(problem.publicTests, problem.language)].filter((part) => part !== "").join("\n\n");
}

export interface AnswerRulesOptions {
  /** Competitive-programming guidance: constraints, time limits, exact I/O format. */
  competitive?: boolean;
}

/** What the code in an answer must look like, as a bullet list closing a coding prompt. */
export function answerRules(problem: Problem, options: AnswerRulesOptions = {}): string {
  const language = languageName(problem.language);
  const shape = answerShape(problem);
  const rules: string[] = [];
  if (shape.kind === "function") {
    rules.push(
      shape.signatureGiven
        ? `Give the complete function \`${shape.entryPoint}\`, signature included, with every import and helper it needs.`
        : `Define a function named \`${shape.entryPoint}\` that the sample tests can call, with every import and helper it needs.`,
    );
  } else {
    rules.push("Write a complete program: read the input from standard input and print the answer to standard output.");
    rules.push("Match the sample input and output format exactly and print nothing else: no prompts, labels or debugging output.");
  }
  if (options.competitive) {
    rules.push("Respect the constraints: pick an algorithm whose running time fits the limits for the largest inputs.");
    if (shape.kind === "program") rules.push("Read all input at once (e.g. sys.stdin) if it can be large, and handle every test case it contains.");
  }
  rules.push(`Put the ${language} code in a single \`\`\`${problem.language} block.`);
  rules.push("Leave out tests, asserts and example calls.");
  return `Requirements:\n${rules.map((rule) => `- ${rule}`).join("\n")}`;
}

export function fenced(code: string, language: string): string {
  const body = code.replace(/\s+$/, "");
  const fence = body.includes("```") ? "~~~~" : "```";
  return `${fence}${language}\n${body}\n${fence}`;
}

/** The failures of a sample-test run, for a debugging prompt. */
export function failureLog(report: PublicTestReport, language: string): string {
  if (report.log.trim() !== "") return report.log.trim();
  const failed = report.results.filter((result) => !result.passed);
  if (failed.length === 0) return "The tests failed without a log.";
  return failed.map((result) => `${formatTests([result.test], language)}\nResult: ${result.status}${result.detail ? `: ${result.detail}` : ""}`).join("\n\n");
}
