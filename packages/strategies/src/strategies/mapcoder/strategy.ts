import type { Candidate, LoadOptions } from "@cg/datasets";
import type { SamplingParams } from "@cg/models";
import { z } from "zod";
import { codeAndDebug } from "../../code-and-debug.js";
import { defineStrategy } from "../../definition.js";
import { type PromptProfile, promptProfileSchema } from "../../reference-profile.js";
import type { ReferenceRepository } from "../../reference-sources.js";
import { StrategyRun } from "../../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../../types.js";
import { type Exemplar, parseRecollection, parseScoredPlan, rankPlans } from "./answers.js";
import { codingPrompt, debuggingPrompt, planningPrompt, retrievalPrompt } from "./prompts.js";
import { MapCoderAsAuthors } from "./reference.js";

export interface MapCoderOptions extends Record<string, unknown> {
  /** Exemplars recalled (asked for under `reference`), hence plans made and tried. */
  k: number;
  /**
   * Debugging calls per plan. Reference: one after each of the plan's t failing sample-test runs,
   * the last fix going untested as in the authors' code; cg: every fix is tested (t + 1 runs).
   */
  t: number;
  /** Which prompts; `cg` when constructed without it. */
  prompts?: PromptProfile;
  /** Under `reference`: whose copy of the authors' MapCoder to follow; `mapcoder` (the paper's) by default. */
  source?: ReferenceRepository;
}

/**
 * MapCoder (Islam et al., ACL 2024): retrieval, planning, coding and debugging agents.
 * Reference: the authors' `MapCoder.run_single_pass` (reference.ts). cg calls: at best
 * 1 + k + 1, at worst 1 + k + k(1 + t).
 */
export class MapCoderStrategy implements Strategy {
  private readonly reference: MapCoderAsAuthors | undefined;
  readonly samplingDefaults: Readonly<SamplingParams> | undefined;

  constructor(
    readonly name: string,
    private readonly options: MapCoderOptions,
  ) {
    this.reference = options.prompts === "reference" ? new MapCoderAsAuthors(options.source ?? "mapcoder", options.k, options.t) : undefined;
    this.samplingDefaults = this.reference?.samplingDefaults;
  }

  async prepare(options: LoadOptions): Promise<void> {
    await this.reference?.prepare(options);
  }

  solve(ctx: StrategyContext): Promise<StrategyResult> {
    return this.reference ? this.reference.solve(ctx) : this.solveWithOwnPrompts(ctx);
  }

  private async solveWithOwnPrompts(ctx: StrategyContext): Promise<StrategyResult> {
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
  schema: z
    .strictObject({
      k: z.number().int().min(1).max(10).default(3),
      t: z.number().int().min(0).max(20).default(5),
      prompts: promptProfileSchema.default("reference"),
      source: z.enum(["mapcoder", "codesim"]).default("mapcoder"),
    })
    // The authors' retrieval prompt names k in words, which their code has for 1 to 9 only.
    .refine((options) => options.prompts === "cg" || options.k <= 9, { path: ["k"], message: "the reference prompts ask for at most 9 exemplars" })
    .refine((options) => options.prompts === "reference" || options.source === "mapcoder", {
      path: ["source"],
      message: 'chooses a copy of the authors\' code, which only the reference prompts follow; drop it or use prompts "reference"',
    }),
  build: (name, options) => new MapCoderStrategy(name, options),
});
