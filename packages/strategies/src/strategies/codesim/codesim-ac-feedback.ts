import type { Problem, PublicTest, PublicTestReport } from "@cg/datasets";
import { pythonStr } from "../../python-str.js";
import { type ContestTest, contestTestLog, functionTestLog } from "../../reference-feedback.js";
import { isCompetitive, referenceProblemOf } from "../../reference-problem.js";
import type { ReferenceFileId, ReferenceTexts } from "../../reference-texts.js";

/**
 * Markers the authors' CodeSIMA and CodeSIMC compare text against (control flow, not prompt
 * text): where a contest statement is cut, where the contest feedback's failed tests start, and
 * the lines of `evaluate_io`'s log that `process_test_log` keeps.
 */
const STATEMENT_CUT = "-------\nImportant Note:";
const FAILED_TESTS_HEADING = "## Tests failed:";
const ASSERT = "assert";

/** Python's `s[:s.find(marker)]`: a missing marker (-1) drops the last character. */
export function cutStatement(statement: string): string {
  const at = statement.indexOf(STATEMENT_CUT);
  return at === -1 ? Array.from(statement).slice(0, -1).join("") : statement.slice(0, at);
}

/** The line boundaries of Python's `str.splitlines()` ("\r\n" counts as one). */
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029].map((code) => String.fromCharCode(code)));

/** Python's `str.splitlines()`: the lines without their ends; no empty last line after a final break. */
export function pythonSplitlines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (!LINE_BREAKS.has(text[i]!)) continue;
    lines.push(text.slice(start, i));
    if (text[i] === "\r" && text[i + 1] === "\n") i += 1;
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** `parse_test_cases`: the answer's lines that start with `assert` (unindented), in order. */
export function parseTestCases(answer: string): string[] {
  return pythonSplitlines(answer).filter((line) => line.length > 0 && line.startsWith(ASSERT));
}

/**
 * The `test_log` the authors' `check` hands to the debugging prompt after a failing run of the
 * sample tests followed by the model-written ones (`report.results` in that order):
 * - contest datasets: `contest_evaluate_public_tests`'s feedback from its failed tests on;
 * - function datasets: `process_test_log` of `evaluate_io`'s log, the failing asserts only.
 */
export function checkLog(texts: ReferenceTexts, file: ReferenceFileId, className: string, problem: Problem, extraTests: readonly PublicTest[], report: PublicTestReport): string {
  if (isCompetitive(problem)) {
    const feedback = contestTestLog(texts, "codesim", contestSampleTests(problem), report).log;
    return fromFailedTests(feedback);
  }
  const tests = [...problem.publicTests, ...extraTests].map((test) => (test.kind === "assert" ? test.code : test.input));
  const log = functionTestLog(texts, "codesim", tests, tests.map((_, i) => report.results[i]?.passed === true)).log;
  return processTestLog(texts, file, className, log);
}

/** `test_log_sample[test_log_sample.find("## Tests failed:"):]`, with Python's -1 for a missing heading. */
function fromFailedTests(feedback: string): string {
  const at = feedback.indexOf(FAILED_TESTS_HEADING);
  return at === -1 ? Array.from(feedback).slice(-1).join("") : feedback.slice(at);
}

/**
 * `process_test_log`: each failing line from its first `assert` on, under the class's heading.
 * A failing line without `assert` stops the authors' code (`str.index` raises); it is kept whole.
 */
function processTestLog(texts: ReferenceTexts, file: ReferenceFileId, className: string, log: string): string {
  const failed = pythonSplitlines(log)
    .filter((line) => line.startsWith("Failed"))
    .map((line) => (line.includes(ASSERT) ? line.slice(line.indexOf(ASSERT)) : line));
  return texts.template(file, { scope: `${className}.process_test_log`, fstring: true }).fill({ failed_test_cases_str: failed.join("\n") });
}

/**
 * A contest problem's sample tests as the authors' dataset class passes them to
 * `contest_evaluate_public_tests`: APPS's `sample_io`, xCodeEval's zipped sample inputs and
 * outputs, else the public tests.
 */
function contestSampleTests(problem: Problem): ContestTest[] {
  const { dataset, fields } = referenceProblemOf(problem);
  if (dataset === "APPS" && Array.isArray(fields.sample_io)) {
    return (fields.sample_io as Array<{ input: unknown; output: unknown[] }>).map((test) => ({ input: pythonStr(test.input), output: test.output.map(pythonStr) }));
  }
  if (dataset === "xCodeEval" && Array.isArray(fields.sample_inputs) && Array.isArray(fields.sample_outputs)) {
    const outputs = fields.sample_outputs as unknown[];
    return (fields.sample_inputs as unknown[]).slice(0, outputs.length).map((input, i) => ({ input: pythonStr(input), output: [pythonStr(outputs[i])] }));
  }
  return problem.publicTests.map((test) => (test.kind === "io" ? { input: test.input, output: [test.output] } : { input: test.code, output: [] }));
}
