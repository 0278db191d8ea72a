import type { LoadOptions, Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { answerRules, problemWithTests } from "../problem-text.js";
import { referenceParseResponse } from "../reference-answers.js";
import { datasetFiles, referenceLanguage, referencePrompt } from "../reference-problem.js";
import { promptProfileSchema, REFERENCE_SAMPLING, ReferenceTextsLoader, referenceCallParams, referenceCandidate, type PromptProfile } from "../reference-profile.js";
import { referenceWorkedExamples } from "../reference-worked-examples.js";
import { StrategyRun } from "../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../types.js";

export function cotPrompt(problem: Problem): string {
  return [
    `Solve the following programming problem in ${languageName(problem.language)}.`,
    problemWithTests(problem),
    [
      "Think it through step by step before writing any code:",
      "1. Say in your own words what is asked, what the inputs and outputs are, and which edge cases matter.",
      "2. Work through the examples by hand to check that understanding.",
      "3. Choose an approach and explain why it is correct and fast enough.",
      "Then write the final code after your reasoning.",
    ].join("\n"),
    answerRules(problem),
  ].join("\n\n");
}

const REFERENCE_FILE = { repository: "codesim", path: "src/promptings/CoT.py" } as const;
const REFERENCE_SCOPE = "CoTStrategy.run_single_pass";

/**
 * Chain of thought: one call that reasons step by step, then gives the code. Reference:
 * `CoTStrategy.run_single_pass`, the dataset family's worked examples (`prompt`) before the problem.
 */
export class CotStrategy implements Strategy {
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
      const prompt = texts.template(REFERENCE_FILE, { scope: REFERENCE_SCOPE, key: "content" }).fill({
        prompt: referenceWorkedExamples(texts, REFERENCE_FILE, REFERENCE_SCOPE, "prompt", ctx.problem),
        "self.data.get_prompt(data_row)": referencePrompt(texts, "codesim", ctx.problem),
        "self.language": referenceLanguage(ctx.problem.language),
      });
      const answer = await run.ask({ step: "reason_and_code" }, prompt, referenceCallParams());
      return run.finish(referenceCandidate(ctx.problem, referenceParseResponse("codesim", answer)));
    }
    const answer = await run.ask({ step: "reason_and_code" }, cotPrompt(ctx.problem));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const cot = defineStrategy({
  name: "cot",
  description: "Chain of thought: reasons step by step, then writes the code, in a single call.",
  schema: z.strictObject({ prompts: promptProfileSchema.default("reference") }),
  build: (name, options) => new CotStrategy(name, options.prompts),
});
