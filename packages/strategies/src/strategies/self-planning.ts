import type { Problem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { answerRules, problemWithTests } from "../problem-text.js";
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

/** Self-planning (Jiang et al., 2024): one call writes a plan, a second implements it. */
export class SelfPlanningStrategy implements Strategy {
  constructor(readonly name: string) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    const plan = await run.ask({ step: "plan" }, selfPlanningPlanPrompt(ctx.problem));
    const answer = await run.ask({ step: "code" }, selfPlanningCodePrompt(ctx.problem, plan));
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const selfPlanning = defineStrategy({
  name: "self-planning",
  description: "Writes a step-by-step plan in one call, then implements it in a second.",
  schema: z.strictObject({}),
  build: (name) => new SelfPlanningStrategy(name),
});
