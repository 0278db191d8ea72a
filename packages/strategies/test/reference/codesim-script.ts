import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Problem } from "@cg/datasets";
import { DATA_DIR } from "./differential.js";

/**
 * Scripted model answers for the CodeSIM family's differential tests. The sample tests follow
 * the harness's rule: code holding "PASS_ALL" passes every test, a line `# passes <test>` passes
 * that one (an assert's text, a contest input as JSON).
 */

export const plan = (label: string) =>
  `### Understanding\nRead the statement closely (${label}).\n\n### A related task\nSumming a list.\n\n### Plan\n1. Walk the input (${label}).\n2. Return the answer.`;

/** No "### Plan" heading: the whole answer becomes the plan, under a heading the code adds. */
export const planWithoutHeading = (label: string) => `1. Walk the input (${label}).\n2. Return the answer.`;

/** The heading twice: the plan is taken from the last one. */
export const planWithTwoHeadings = (label: string) => `### Plan\nA first draft (${label}).\n\n### Algorithm\nGreedy.\n\n### Plan\n1. The final plan (${label}).`;

/** The check asks for a new plan when an answer holds "Plan Modification Needed" and not "No Plan Modification Needed". */
export const simulationAccepts = "### Trace\nOn the first sample the plan gives the expected output.\n\n### Verdict\nThe plan works as it is.";
export const simulationRejects = "### Trace\nOn the first sample the plan gives 3, not 2.\n\n### Verdict\n**Plan Modification Needed**";
/** Holds the rejecting phrase only inside the negative one, which the authors' check reads as accepting. */
export const simulationNegated = "### Trace\nThe sample works out.\n\n### Verdict\nNo Plan Modification Needed";

export const refinedPlan = (label: string) => `### Revised plan\n1. Handle the empty input first (${label}).\n2. Then walk the input.`;

/** A function answer for `problem`; `passing` is "all", the asserts it passes, or none. */
export function functionCode(problem: Problem, label: string, passing: "all" | readonly string[] = [], fence = "python"): string {
  const marks = passing === "all" ? ["# PASS_ALL"] : passing.map((test) => `# passes ${test}`);
  return `Here is the code.\n\n\`\`\`${fence}\ndef ${problem.entryPoint}(*args):\n    return None  # ${label}\n${marks.join("\n")}\n\`\`\`\n`;
}

/** A standard-input program; `passing` is "all", the inputs it passes, or none. */
export function programCode(label: string, passing: "all" | readonly string[] = [], fence = "python"): string {
  const marks = passing === "all" ? ["# PASS_ALL"] : passing.map((input) => `# passes ${JSON.stringify(input)}`);
  return `\`\`\`${fence}\nprint(input())  # ${label}\n${marks.join("\n")}\n\`\`\``;
}

/** The sample asserts of a function problem, or the sample inputs of a contest one. */
export function sampleKeys(problem: Problem): string[] {
  return problem.publicTests.map((test) => (test.kind === "assert" ? test.code : test.input));
}

export interface RoundShape {
  /** Simulation (rejecting) and refinement calls. */
  verify: boolean;
  /** Debugging calls after the failing code. */
  debugCalls: number;
}

/** Every plan rejected and every code failing, for `rounds` plan tries: the longest path. */
export function failingRounds(rounds: number, shape: RoundShape, failing: (label: string) => string): string[] {
  return Array.from({ length: rounds }, (_, r) => [
    plan(`plan ${r + 1}`),
    ...(shape.verify ? [simulationRejects, refinedPlan(`plan ${r + 1}`)] : []),
    ...Array.from({ length: 1 + shape.debugCalls }, (_, i) => failing(`round ${r + 1} try ${i}`)),
  ]).flat();
}

/**
 * A data folder holding the staged xCodeEval statements and the datasets package's fixture of
 * two problems' unit tests (the full unit-test file is not staged), so that the dataset loads.
 */
export function xCodeEvalMirror(): string {
  const mirror = mkdtempSync(join(tmpdir(), "cg-codesim-xcodeeval-"));
  symlinkSync(join(DATA_DIR, "codesim-data"), join(mirror, "codesim-data"));
  symlinkSync(fileURLToPath(new URL("../../../datasets/test/fixtures/xcodeeval", import.meta.url)), join(mirror, "xcodeeval"));
  return mirror;
}

/** xCodeEval problems in that fixture: "Ehab and Mahmoud" (samples 1 and 2), "meet the friends". */
export const XCODEEVAL_EVEN_ODD = "5e74750f44142624e6da41d4b35beb9a";
export const XCODEEVAL_MEET = "7bffa6e8d2d21bbb3b7f4aec109b3319";
