import type { Candidate, Problem } from "@cg/datasets";
import { extractCode } from "./code-extraction.js";
import { assembleCompletion } from "./completion.js";

/** The candidate for a model's answer, with the code found in it ("" when there was none). */
export function candidateFromAnswer(problem: Problem, answer: string): { code: string; candidate: Candidate } {
  const code = extractCode(answer, problem.language, problem.entryPoint ? { entryPoint: problem.entryPoint } : {});
  return { code, candidate: candidateFromCode(problem, code) };
}

export function candidateFromCode(problem: Problem, code: string): Candidate {
  if (code === "") return { kind: "solution", code };
  return problem.entryPoint ? assembleCompletion(problem.prompt, code, problem.entryPoint) : { kind: "solution", code };
}

/** The whole program a candidate stands for, as shown back to the model when debugging. */
export function programText(problem: Problem, candidate: Candidate): string {
  return candidate.kind === "completion" ? problem.prompt + candidate.code : candidate.code;
}
