import { z } from "zod";
import { candidateFromAnswer } from "../candidate.js";
import { defineStrategy } from "../definition.js";
import { NoCompletionPromptError } from "../errors.js";
import { StrategyRun } from "../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../types.js";

/**
 * One call with the dataset's own prompt, unchanged: the benchmark's protocol as its authors ran
 * it (AutoCodeBench's system prompt and question, LiveCodeBench's prompt), with no sample tests or
 * answer rules of ours added. On the completions endpoint, a base model continues the dataset's
 * prompt for base models (HumanEval's prompt, MBPP's three-shot prompt) up to the reference
 * harness's stop sequences, and the continuation is the candidate as it is.
 */
export class VerbatimStrategy implements Strategy {
  constructor(readonly name: string) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const run = new StrategyRun(ctx);
    if (ctx.endpoint === "completions") {
      const prompt = ctx.problem.completionPrompt;
      if (!prompt) throw new NoCompletionPromptError(ctx.problem.taskId);
      const continuation = await run.continuePrompt({ step: "code" }, prompt);
      return run.finish({ kind: prompt.candidateKind, code: continuation });
    }
    const answer = await run.ask({ step: "code" }, ctx.problem.prompt);
    return run.finish(candidateFromAnswer(ctx.problem, answer).candidate);
  }
}

export const verbatim = defineStrategy({
  name: "verbatim",
  description: "Sends the dataset's own prompt unchanged in a single call (the benchmark's protocol); with a base model, has it continue the prompt.",
  schema: z.strictObject({}),
  endpoints: ["chat", "completions"],
  build: (name) => new VerbatimStrategy(name),
});
