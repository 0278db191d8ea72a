import type { Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { answerRules, problemWithTests } from "../problem-text.js";
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

/** Chain of thought: one call that reasons step by step, then gives the code. */
export class CotStrategy implements Strategy {
  constructor(readonly name: string) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    const answer = await run.ask({ step: "reason_and_code" }, cotPrompt(ctx.problem));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const cot = defineStrategy({
  name: "cot",
  description: "Chain of thought: reasons step by step, then writes the code, in a single call.",
  schema: z.strictObject({}),
  build: (name) => new CotStrategy(name),
});
