import type { Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { answerRules, problemWithTests } from "../problem-text.js";
import { StrategyRun } from "../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../types.js";

export function directPrompt(problem: Problem): string {
  return [`Solve the following programming problem in ${languageName(problem.language)}.`, problemWithTests(problem), answerRules(problem)].join("\n\n");
}

/** One call: the problem in, the code out. */
export class DirectStrategy implements Strategy {
  constructor(readonly name: string) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    const answer = await run.ask({ step: "code" }, directPrompt(ctx.problem));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const direct = defineStrategy({
  name: "direct",
  description: "Asks for the code in a single call.",
  schema: z.strictObject({}),
  build: (name) => new DirectStrategy(name),
});
