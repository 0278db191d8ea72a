import type { Problem, PublicTestReport } from "@cg/datasets";
import { pythonStr } from "./python-str.js";
import { referenceProblemOf } from "./reference-problem.js";
import type { ReferenceFileId, ReferenceTexts } from "./reference-texts.js";
import type { ReferenceRepository } from "./reference-sources.js";

/** A sample-test run as the authors' code reports it to a strategy: `(passed, log)`. */
export interface ReferenceTestLog {
  passed: boolean;
  log: string;
}

export function feedbackFiles(repository: ReferenceRepository): ReferenceFileId[] {
  return [
    { repository, path: "src/evaluations/func_evaluate.py" },
    { repository, path: "src/evaluations/evalute.py" },
  ];
}

/**
 * The log of `evaluate_io` (function datasets): one line per assert, passed or failed, in order.
 * `results` holds the asserts' outcomes in the order of `tests`.
 */
export function functionTestLog(texts: ReferenceTexts, repository: ReferenceRepository, tests: readonly string[], results: readonly boolean[]): ReferenceTestLog {
  const file = { repository, path: "src/evaluations/func_evaluate.py" };
  const passedLine = texts.template(file, { scope: "evaluate_io", fstring: true, nth: 0 });
  const failedLine = texts.template(file, { scope: "evaluate_io", fstring: true, nth: 2 });
  const log = tests.map((io, i) => (results[i] ? passedLine : failedLine).fill({ io })).join("");
  return { passed: results.every(Boolean), log };
}

/** One test of a contest problem as the authors' records hold it. */
export interface ContestTest {
  input: string;
  output: string[];
}

/**
 * A contest problem's sample tests as the authors' dataset class hands them to
 * `contest_evaluate_public_tests` (`evaluate_sample_io`): APPS's and CodeContests' `sample_io`,
 * xCodeEval's `sample_inputs` zipped with its `sample_outputs`; each value as `str()` renders it
 * (APPS keeps some outputs as numbers or lists). Without those fields, the public tests.
 */
export function referenceContestTests(problem: Problem): ContestTest[] {
  const { dataset, fields } = referenceProblemOf(problem);
  const { sample_inputs: inputs, sample_outputs: outputs, sample_io: samples } = fields;
  if (dataset === "xCodeEval" && Array.isArray(inputs) && Array.isArray(outputs)) {
    return inputs.slice(0, outputs.length).map((input, i) => ({ input: pythonStr(input), output: [pythonStr(outputs[i])] }));
  }
  if (Array.isArray(samples)) {
    return samples.map((sample) => {
      const { input, output } = sample as { input: unknown; output: unknown };
      return { input: pythonStr(input), output: Array.isArray(output) ? output.map(pythonStr) : [pythonStr(output)] };
    });
  }
  return problem.publicTests.flatMap((test) => (test.kind === "io" ? [{ input: test.input, output: [test.output] }] : []));
}

/**
 * The feedback of `contest_evaluate_public_tests` (contest datasets): the passed and the failed
 * tests, each with its input, expected output and the program's output (cut at 500 characters).
 */
export function contestTestLog(texts: ReferenceTexts, repository: ReferenceRepository, tests: readonly ContestTest[], report: PublicTestReport): ReferenceTestLog {
  const file = { repository, path: "src/evaluations/evalute.py" };
  const scope = "contest_evaluate_public_tests";
  const testCase = texts.template(file, { scope, target: "test_case", nth: 0 });
  const passedCases: string[] = [];
  const failedCases: string[] = [];
  tests.forEach((test, i) => {
    const result = report.results[i];
    const shown = Array.from(programOutput(result));
    const output = shown.length > 500 ? `${shown.slice(0, 500).join("")}...` : shown.join("");
    const text = testCase.fill({ "tests[idx]['input']": test.input, "tests[idx]['output'][0]": test.output[0] ?? "", output });
    (result?.passed ? passedCases : failedCases).push(text);
  });
  const nonePassed = texts.template(file, { scope, target: "passed_feedback", fstring: false, nth: 1 }).text();
  const feedback = texts.template(file, { scope, target: "feedback", fstring: true });
  return {
    passed: failedCases.length === 0,
    log: feedback.fill({ passed_feedback: passedCases.length > 0 ? passedCases.join("\n") : nonePassed, failed_feedback: failedCases.join("\n") }),
  };
}

/** What ExecEval reports as a test's result: the program's output, or the compiler's message. */
function programOutput(result: PublicTestReport["results"][number] | undefined): string {
  if (!result) return "";
  if (result.status === "compile_error") return result.detail;
  return result.stdout ?? "";
}
