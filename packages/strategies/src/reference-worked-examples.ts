import type { Problem } from "@cg/datasets";
import { type ReferenceDataset, referenceProblemOf } from "./reference-problem.js";
import type { ReferenceFileId, ReferenceTexts } from "./reference-texts.js";

/**
 * The datasets CoT.py and SelfPlanning.py carry worked examples for, in the order of their
 * `if type(self.data) == ...` branches (HumanDataset, APPSDataset, XCodeDataset,
 * CodeContestDataset); each branch assigns one string to the same variable.
 */
const WORKED_EXAMPLE_BRANCHES: readonly ReferenceDataset[] = ["HumanEval", "APPS", "xCodeEval", "CC"];

/**
 * The worked examples an authors' strategy puts before the problem, as its f-string renders the
 * variable `target` of `scope`. MBPP's class is not a HumanDataset, so no branch matches it: the
 * variable keeps its initial `None`, and the prompt shows "None" where the examples would be.
 */
export function referenceWorkedExamples(texts: ReferenceTexts, file: ReferenceFileId, scope: string, target: string, problem: Problem): string {
  const branch = WORKED_EXAMPLE_BRANCHES.indexOf(referenceProblemOf(problem).dataset);
  if (branch === -1) return "None";
  return texts.template(file, { scope, target, nth: branch }).text();
}
