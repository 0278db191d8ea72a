import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { StrategyRun } from "../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../types.js";

/**
 * One call with the dataset's own prompt, unchanged: the benchmark's protocol as its authors ran
 * it (AutoCodeBench's system prompt and question, LiveCodeBench's prompt), with no sample tests or
 * answer rules of ours added.
 */
export class VerbatimStrategy implements Strategy {
  constructor(readonly name: string) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    const answer = await run.ask({ step: "code" }, ctx.problem.prompt);
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const verbatim = defineStrategy({
  name: "verbatim",
  description: "Sends the dataset's own prompt unchanged in a single call (the benchmark's protocol).",
  schema: z.strictObject({}),
  build: (name) => new VerbatimStrategy(name),
});
