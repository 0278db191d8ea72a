import type { Candidate, Problem, PublicTest, PublicTestReport } from "@cg/datasets";
import type { StrategyContext } from "../../src/index.js";
import type { ScriptedChatModel } from "./scripted-model.js";

export const functionProblem: Problem = {
  taskId: "Example/0",
  language: "python",
  prompt: 'from typing import List\n\n\ndef add(a: int, b: int) -> int:\n    """Add two numbers.\n    >>> add(2, 3)\n    5\n    """\n',
  entryPoint: "add",
  publicTests: [{ kind: "assert", code: "assert add(2, 3) == 5" }],
  metadata: {},
};

export const programProblem: Problem = {
  taskId: "Example/1",
  language: "python",
  prompt: "Read two integers and print their sum.",
  publicTests: [{ kind: "io", input: "2 3\n", output: "5\n" }],
  metadata: {},
};

export const untestedProblem: Problem = { ...functionProblem, taskId: "Example/2", publicTests: [] };

/** Marks code that the scripted sample tests accept. */
export const PASS = "# PASS";

/** A coding answer; `passing` decides whether the scripted sample tests accept it. */
export function codeAnswer(label: string, passing = false): string {
  return `Here is the code.\n\n\`\`\`python\ndef add(a, b):\n    return a + b  # ${label}${passing ? ` ${PASS}` : ""}\n\`\`\`\n`;
}

export interface RecordedRun {
  candidate: Candidate;
  extraTests: readonly PublicTest[] | undefined;
}

/** Sample tests as a function of the code: they pass iff the code carries the PASS marker. */
export function markerTests(runs: RecordedRun[] = []): StrategyContext["runSampleTests"] {
  return async (candidate, extraTests) => {
    runs.push({ candidate, extraTests });
    const passed = candidate.code.includes(PASS);
    return {
      passed,
      results: [{ test: { kind: "assert", code: "assert add(2, 3) == 5" }, passed, status: passed ? "passed" : "failed", detail: passed ? "" : "got 6" }],
      log: passed ? "" : "assert add(2, 3) == 5 failed: got 6",
    } satisfies PublicTestReport;
  };
}

export function context(model: ScriptedChatModel, problem: Problem, runs: RecordedRun[] = [], sampleIndex = 0): StrategyContext {
  return { problem, model, sampling: { temperature: 0 }, sampleIndex, runSampleTests: markerTests(runs) };
}
