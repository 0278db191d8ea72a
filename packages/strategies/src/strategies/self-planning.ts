import type { LoadOptions, Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { splitThinking } from "@cg/models";
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

export function selfPlanningPlanPrompt(problem: Problem): string {
  return [
    `You will plan a ${languageName(problem.language)} solution to the programming problem below; the code comes later.`,
    problemWithTests(problem),
    [
      "Write the plan as a short numbered list: the key steps an implementation must carry out, in order, one line each.",
      "Keep each step concrete (what to compute and how) and do not write any code.",
    ].join("\n"),
  ].join("\n\n");
}

export function selfPlanningCodePrompt(problem: Problem, plan: string): string {
  return [
    `Write ${languageName(problem.language)} code for the programming problem below by following the plan step by step.`,
    problemWithTests(problem),
    `## Plan\n\n${plan.trim()}`,
    answerRules(problem),
  ].join("\n\n");
}

const REFERENCE_FILE = { repository: "codesim", path: "src/promptings/SelfPlanning.py" } as const;
const REFERENCE_SCOPE = "SelfPlanningStrategy.run_single_pass";

/**
 * Self-planning (Jiang et al., 2024): one call writes a plan, a second implements it. Reference:
 * `SelfPlanningStrategy.run_single_pass`, the planning call led by the dataset family's worked
 * examples (`planning_prompt`), the implementation call given the whole planning answer.
 */
export class SelfPlanningStrategy implements Strategy {
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
    if (this.reference) return this.solveAsReference(run, ctx.problem, this.reference);
    const plan = withoutThinking(await run.ask({ step: "plan" }, selfPlanningPlanPrompt(ctx.problem)));
    const answer = await run.ask({ step: "code" }, selfPlanningCodePrompt(ctx.problem, plan));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }

  private async solveAsReference(run: StrategyRun, problem: Problem, reference: ReferenceTextsLoader): Promise<StrategyResult> {
    await reference.load();
    const { texts } = reference;
    const problemText = referencePrompt(texts, "codesim", problem);
    const planPrompt = texts.template(REFERENCE_FILE, { scope: REFERENCE_SCOPE, target: "input_for_planning", key: "content" }).fill({
      planning_prompt: referenceWorkedExamples(texts, REFERENCE_FILE, REFERENCE_SCOPE, "planning_prompt", problem),
      "self.data.get_prompt(data_row)": problemText,
    });
    const planning = withoutThinking(await run.ask({ step: "plan" }, planPrompt, referenceCallParams()));
    const codePrompt = texts.template(REFERENCE_FILE, { scope: REFERENCE_SCOPE, target: "input_for_implementation", key: "content" }).fill({
      "self.data.get_prompt(data_row)": problemText,
      planning,
      "self.language": referenceLanguage(problem.language),
    });
    const answer = await run.ask({ step: "code" }, codePrompt, referenceCallParams());
    return run.finish(referenceCandidate(problem, referenceParseResponse("codesim", answer)));
  }
}

/** The plan without inline `<think>` reasoning, which is not shown to the coding call. */
function withoutThinking(answer: string): string {
  return splitThinking(answer).text;
}

export const selfPlanning = defineStrategy({
  name: "self-planning",
  description: "Writes a step-by-step plan in one call, then implements it in a second.",
  schema: z.strictObject({ prompts: promptProfileSchema.default("reference") }),
  build: (name, options) => new SelfPlanningStrategy(name, options.prompts),
});
