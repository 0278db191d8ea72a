import type { Candidate, LoadOptions, Problem } from "@cg/datasets";
import type { SamplingParams } from "@cg/models";
import { z } from "zod";
import { isCompetitive } from "./reference-problem.js";
import type { ReferenceFileId } from "./reference-texts.js";
import { ReferenceTexts } from "./reference-texts.js";

/**
 * Which prompts a paper's strategy sends:
 * - `reference`: the authors' code, call for call: their prompt text (read from their pinned
 *   sources at run time), order of calls, budgets, answer parsing and test feedback;
 * - `cg`: the project's own prompts and improvements (docs/strategies.md lists the differences).
 */
export const promptProfileSchema = z.enum(["reference", "cg"]);
export type PromptProfile = z.infer<typeof promptProfileSchema>;

/** The sampling of the papers' runs: `main.py`'s temperature and top_p, the model wrapper's max_tokens. */
export const REFERENCE_SAMPLING: Readonly<SamplingParams> = Object.freeze({ temperature: 0, topP: 0.95, maxTokens: 4096 });

/** Every call of the authors' `gpt_chat` sends both penalties, 0 unless the step sets its own. */
export function referenceCallParams(penalties: { frequencyPenalty?: number; presencePenalty?: number } = {}): SamplingParams {
  return { frequencyPenalty: penalties.frequencyPenalty ?? 0, presencePenalty: penalties.presencePenalty ?? 0 };
}

/**
 * The candidate the authors' harness runs for parsed code: a function problem's code runs after
 * `from typing import *` unless the code already has that line (`evaluate_io`,
 * `evaluate_functional_correctness`); a contest program runs as it is.
 */
export function referenceCandidate(problem: Problem, code: string): Candidate {
  if (isCompetitive(problem) || !problem.entryPoint) return { kind: "solution", code };
  const typing = "from typing import *";
  return { kind: "solution", code: code.includes(typing) ? code : `${typing}\n${code}` };
}

/** The reference texts a strategy needs, loaded once per strategy instance. */
export class ReferenceTextsLoader {
  readonly texts = new ReferenceTexts();
  private loading: Promise<void> | undefined;

  constructor(private readonly files: readonly ReferenceFileId[]) {}

  load(options?: LoadOptions): Promise<void> {
    this.loading ??= this.texts.load(this.files, options);
    return this.loading;
  }
}
