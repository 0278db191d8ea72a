import type { Candidate } from "@cg/datasets";
import { z } from "zod";
import { codeAndDebug } from "../../code-and-debug.js";
import { defineStrategy } from "../../definition.js";
import { StrategyRun } from "../../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../../types.js";
import { type Exemplar, parseRecollection, parseScoredPlan, rankPlans } from "./answers.js";
import { codingPrompt, debuggingPrompt, planningPrompt, retrievalPrompt } from "./prompts.js";

export interface MapCoderOptions extends Record<string, unknown> {
  /** Exemplars recalled, hence plans made and tried. */
  k: number;
  /** Debugging calls per plan after its code fails the sample tests. */
  t: number;
}

/**
 * MapCoder (Islam et al., ACL 2024): retrieval, planning, coding and debugging agents.
 * Calls: at best 1 + k + 1, at worst 1 + k + k(1 + t).
 */
export class MapCoderStrategy implements Strategy {
  constructor(
    readonly name: string,
    private readonly options: MapCoderOptions,
  ) {}

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const { problem } = ctx;
    const { k, t } = this.options;
    const run = new StrategyRun(ctx);

    const recalled = await run.ask({ step: "retrieve" }, retrievalPrompt(problem, k));
    const { exemplars, algorithm } = parseRecollection(recalled, problem.language, k);
    const guides: Exemplar[] = exemplars.length > 0 ? exemplars : [{ description: recalled.trim(), plan: "", code: "" }];
    run.decide(
      { step: "retrieve" },
      "exemplars",
      exemplars.length > 0
        ? `${exemplars.length} of ${k} exemplars read; algorithm ${algorithm ? "given" : "not given"}`
        : "no exemplar could be read; the whole retrieval answer guides a single plan",
    );

    const plans = [];
    for (const [index, exemplar] of guides.entries()) {
      const answer = await run.ask({ step: "plan", round: index + 1 }, planningPrompt(problem, exemplar, algorithm));
      plans.push({ ...parseScoredPlan(answer), exemplar: index + 1 });
    }
    const ranked = rankPlans(plans);
    run.decide(
      { step: "rank" },
      "plan_order",
      ranked.map((plan) => `exemplar ${plan.exemplar} (confidence ${plan.confidence ?? "unreadable"})`).join(", "),
    );

    let latest: Candidate | undefined;
    for (const [index, { plan }] of ranked.entries()) {
      const outcome = await codeAndDebug(run, {
        round: index + 1,
        codingPrompt: codingPrompt(problem, plan, algorithm),
        maxDebugTry: t,
        debuggingPrompt: (program, failures) => debuggingPrompt(problem, plan, program, failures),
      });
      latest = outcome.candidate ?? latest;
      if (outcome.passed) return run.finish(outcome.last.candidate, run.hasTests ? true : undefined);
    }
    return run.finish(latest ?? { kind: "solution", code: "" }, false);
  }
}

export const mapcoder = defineStrategy({
  name: "mapcoder",
  description: "MapCoder: recall k exemplars, plan from each with a confidence, then code and debug plans in order of confidence.",
  schema: z.strictObject({
    k: z.number().int().min(1).max(10).default(3),
    t: z.number().int().min(0).max(20).default(5),
  }),
  build: (name, options) => new MapCoderStrategy(name, options),
});
