import type { Problem, Sandbox, Suite } from "@cg/datasets";
import type { RunSampleTests } from "@cg/strategies";

/**
 * The `runSampleTests` a strategy receives: the problem's public tests, plus any tests the model
 * wrote itself, run in the sandbox like the public ones. Hidden tests never take part.
 */
export function sampleTestRunner(suite: Suite, problem: Problem, sandbox: Sandbox, timeoutSeconds: number): RunSampleTests {
  return (candidate, extraTests) => {
    const tested = extraTests && extraTests.length > 0 ? { ...problem, publicTests: [...problem.publicTests, ...extraTests] } : problem;
    return suite.runPublicTests(tested, candidate, sandbox, { timeoutSeconds });
  };
}
