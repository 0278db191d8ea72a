import type { LoadOptions, Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { answerRules, problemWithTests } from "../problem-text.js";
import { referenceParseResponse } from "../reference-answers.js";
import { datasetFiles, referenceLanguage, referencePrompt } from "../reference-problem.js";
import { promptProfileSchema, REFERENCE_SAMPLING, ReferenceTextsLoader, referenceCallParams, referenceCandidate, type PromptProfile } from "../reference-profile.js";
import { StrategyRun } from "../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../types.js";

export interface AnalogicalOptions extends Record<string, unknown> {
  /** How many related problems the model recalls before solving (the `cg` prompt; the reference prompt fixes three). */
  exemplars: number;
}

export function analogicalPrompt(problem: Problem, options: AnalogicalOptions): string {
  const language = languageName(problem.language);
  const count = options.exemplars === 1 ? "one programming problem" : `${options.exemplars} programming problems`;
  return [
    `Solve the following programming problem in ${language}, drawing on problems you already know.`,
    problemWithTests(problem),
    [
      "Answer in two parts.",
      "",
      "### Related problems",
      `Recall ${count} that ${options.exemplars === 1 ? "is" : "are"} relevant to this one but different from it${options.exemplars === 1 ? "" : " and from each other"}.`,
      `For each, state the problem, explain how to solve it, and give the ${language} solution.`,
      "",
      "### Solution",
      "Using what those problems teach, explain how to solve the original problem, then give its code last.",
    ].join("\n"),
    answerRules(problem),
  ].join("\n\n");
}

const REFERENCE_FILE = { repository: "codesim", path: "src/promptings/Analogical.py" } as const;

/** How many example problems the authors' prompt asks for; their text fixes it. */
const REFERENCE_EXEMPLARS = 3;

/**
 * Analogical prompting (Yasunaga et al., ICLR 2024): recall exemplars, then solve, in one call.
 * Reference: `AnalogicalStrategy.run_single_pass`, whose answer holds the algorithms, a tutorial,
 * the example problems and the solution; the code is what `parse_response` takes from it all.
 */
export class AnalogicalStrategy implements Strategy {
  private readonly reference: ReferenceTextsLoader | undefined;
  readonly samplingDefaults;

  constructor(
    readonly name: string,
    private readonly options: AnalogicalOptions,
    readonly profile: PromptProfile = "cg",
  ) {
    this.reference = profile === "reference" ? new ReferenceTextsLoader([REFERENCE_FILE, ...datasetFiles("codesim")]) : undefined;
    this.samplingDefaults = profile === "reference" ? REFERENCE_SAMPLING : undefined;
  }

  async prepare(options: LoadOptions): Promise<void> {
    await this.reference?.load(options);
  }

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    if (this.reference) {
      await this.reference.load();
      const { texts } = this.reference;
      const prompt = texts.template(REFERENCE_FILE, { scope: "AnalogicalStrategy.run_single_pass", key: "content" }).fill({
        "self.language": referenceLanguage(ctx.problem.language),
        "self.data.get_prompt(data_row)": referencePrompt(texts, "codesim", ctx.problem),
      });
      const answer = await run.ask({ step: "recall_and_solve" }, prompt, referenceCallParams());
      return run.finish(referenceCandidate(ctx.problem, referenceParseResponse("codesim", answer)));
    }
    const answer = await run.ask({ step: "recall_and_solve" }, analogicalPrompt(ctx.problem, this.options));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const analogical = defineStrategy({
  name: "analogical",
  description: "Recalls relevant exemplar problems with their solutions, then solves the problem, in a single call.",
  schema: z
    .strictObject({ prompts: promptProfileSchema.default("reference"), exemplars: z.number().int().min(1).max(10).default(REFERENCE_EXEMPLARS) })
    .refine((options) => options.prompts === "cg" || options.exemplars === REFERENCE_EXEMPLARS, {
      path: ["exemplars"],
      message: `the reference prompt asks for ${REFERENCE_EXEMPLARS} example problems, as the authors' Analogical.py does; set prompts to "cg" to choose another number`,
    }),
  build: (name, { prompts, exemplars }) => new AnalogicalStrategy(name, { exemplars }, prompts),
});
