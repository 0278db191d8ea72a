import type { Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { answerRules, problemWithTests } from "../problem-text.js";
import { StrategyRun } from "../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../types.js";

export interface AnalogicalOptions extends Record<string, unknown> {
  /** How many related problems the model recalls before solving. */
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

/** Analogical prompting (Yasunaga et al., ICLR 2024): recall exemplars, then solve, in one call. */
export class AnalogicalStrategy implements Strategy {
  constructor(
    readonly name: string,
    private readonly options: AnalogicalOptions,
  ) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    const answer = await run.ask({ step: "recall_and_solve" }, analogicalPrompt(ctx.problem, this.options));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const analogical = defineStrategy({
  name: "analogical",
  description: "Recalls relevant exemplar problems with their solutions, then solves the problem, in a single call.",
  schema: z.strictObject({ exemplars: z.number().int().min(1).max(10).default(3) }),
  build: (name, options) => new AnalogicalStrategy(name, options),
});
