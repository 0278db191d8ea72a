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

export function directPrompt(problem: Problem): string {
  return [`Solve the following programming problem in ${languageName(problem.language)}.`, problemWithTests(problem), answerRules(problem)].join("\n\n");
}

const REFERENCE_FILE = { repository: "codesim", path: "src/promptings/Direct.py" } as const;

/** One call: the problem in, the code out. Reference: `DirectStrategy.run_single_pass`. */
export class DirectStrategy implements Strategy {
  private readonly reference: ReferenceTextsLoader | undefined;
  readonly samplingDefaults;

  constructor(
    readonly name: string,
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
      const prompt = texts.template(REFERENCE_FILE, { scope: "DirectStrategy.run_single_pass", key: "content" }).fill({
        "self.data.get_prompt(data_row)": referencePrompt(texts, "codesim", ctx.problem),
        "self.language": referenceLanguage(ctx.problem.language),
      });
      const answer = await run.ask({ step: "code" }, prompt, referenceCallParams());
      return run.finish(referenceCandidate(ctx.problem, referenceParseResponse("codesim", answer)));
    }
    const answer = await run.ask({ step: "code" }, directPrompt(ctx.problem));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const direct = defineStrategy({
  name: "direct",
  description: "Asks for the code in a single call.",
  schema: z.strictObject({ prompts: promptProfileSchema.default("reference") }),
  build: (name, options) => new DirectStrategy(name, options.prompts),
});
