import { verdictFromJudge } from "./judge";
import type { Sandbox, Verdict } from "./types";

export interface StdioTest {
  input: string;
  output: string;
  /** Further accepted outputs, for problems with several correct answers. */
  alternatives?: readonly string[];
}

export interface StdioRunOptions {
  language: string;
  wallSeconds: number;
  memoryBytes?: number;
  /** The dataset's acceptance rule for one test's standard output. */
  accepts: (stdout: string, expected: string) => boolean;
}

/** Enough output for any expected answer in these datasets; a larger one is an output_limit. */
const CAPTURED_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * Runs a program on each test's input and applies a dataset's own output rule, which the
 * executor's comparison modes do not express. Tests run in order; the first that fails (a crash,
 * a timeout or an unaccepted output) decides the verdict, as the reference harnesses stop there.
 */
export async function runStdioTests(
  sandbox: Sandbox,
  source: string,
  tests: readonly StdioTest[],
  options: StdioRunOptions,
): Promise<Verdict & { failedTest?: number }> {
  const result = await sandbox.judge({
    language: options.language,
    source,
    tests: tests.map((test) => ({ input: test.input })),
    limits: {
      wallSeconds: options.wallSeconds,
      outputBytes: CAPTURED_OUTPUT_BYTES,
      ...(options.memoryBytes !== undefined ? { memoryBytes: options.memoryBytes } : {}),
    },
  });
  const verdict = verdictFromJudge(result);
  for (const run of result.tests) {
    if (run.status !== "passed") break;
    const expected = tests[run.index]!.output;
    const truncated = run.stdoutTruncated;
    const accepted = [expected, ...(tests[run.index]!.alternatives ?? [])].some((output) => options.accepts(run.stdout, output));
    if (truncated || !accepted) {
      return {
        ...verdict,
        passed: false,
        status: truncated ? "output_limit" : "wrong_answer",
        errorMessage: `test ${run.index + 1} of ${tests.length}: ${truncated ? "output too large" : `wrong answer: expected ${excerpt(expected)}, got ${excerpt(run.stdout)}`}`,
        stdout: run.stdout,
        stderr: run.stderr,
        failedTest: run.index,
      };
    }
  }
  return result.failedTest !== undefined ? { ...verdict, failedTest: result.failedTest } : verdict;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
