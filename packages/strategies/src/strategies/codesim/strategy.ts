import type { Candidate } from "@cg/datasets";
import { z } from "zod";
import { codeAndDebug } from "../../code-and-debug.js";
import { defineStrategy } from "../../definition.js";
import { answerShape } from "../../problem-text.js";
import { promptProfileSchema } from "../../reference-profile.js";
import { StrategyRun } from "../../strategy-run.js";
import type { Strategy, StrategyContext, StrategyResult } from "../../types.js";
import { parseGeneratedTests, parsePlan, parseVerdict } from "./answers.js";
import { type PromptSettings, codingPrompt, debuggingPrompt, planningPrompt, refinementPrompt, simulationPrompt, testWritingPrompt } from "./prompts.js";
import { CODESIM_REFERENCE_VARIANTS, type CodeSimReferenceVariant, CodeSimReferenceStrategy } from "./reference.js";

export const codesimOptionsSchema = z.strictObject({
  /** Rounds of plan, verify, code and debug. */
  maxPlanTry: z.number().int().min(1).max(20).default(5),
  /** Debugging calls per round after the code fails the sample tests. */
  maxDebugTry: z.number().int().min(0).max(20).default(5),
  /** Simulate the plan on a sample and refine it when the simulation finds a flaw. */
  verifyPlan: z.boolean().default(true),
  /** Debug code that fails the sample tests. */
  debug: z.boolean().default(true),
  /** Related problems recalled while planning (1 in CodeSIM; more for the analogical variant). */
  exemplars: z.number().int().min(1).max(10).default(1),
  /** Competitive-programming prompts: constraints, standard input and output, exact sample format. */
  competitive: z.boolean().default(false),
  /** Model-written tests added to the sample tests, written in one extra call before the first round; 0 disables. */
  generatedTests: z.number().int().min(0).max(50).default(0),
});

export type CodeSimOptions = z.infer<typeof codesimOptionsSchema>;

/**
 * CodeSIM (Islam et al., NAACL 2025 Findings): planning, simulation-based plan verification,
 * coding and simulation-driven debugging, repeated up to maxPlanTry times.
 */
export class CodeSimStrategy implements Strategy {
  private readonly settings: PromptSettings;

  constructor(
    readonly name: string,
    private readonly options: CodeSimOptions,
  ) {
    this.settings = { exemplars: options.exemplars, competitive: options.competitive };
  }

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    const { problem } = ctx;
    const { maxPlanTry, maxDebugTry, verifyPlan, debug, generatedTests } = this.options;
    const run = new StrategyRun(ctx);

    if (generatedTests > 0) {
      const answer = await run.ask({ step: "write_tests" }, testWritingPrompt(problem, generatedTests));
      const tests = parseGeneratedTests(answer, answerShape(problem), problem.language, generatedTests);
      run.addExtraTests(tests);
      run.decide({ step: "write_tests" }, "generated_tests", `${tests.length} of ${generatedTests} requested tests read`);
    }

    let latest: Candidate | undefined;
    for (let round = 1; round <= maxPlanTry; round += 1) {
      let plan = parsePlan(await run.ask({ step: "plan", round }, planningPrompt(problem, this.settings)));

      if (verifyPlan) {
        const simulation = await run.ask({ step: "simulate", round }, simulationPrompt(problem, plan));
        const verdict = parseVerdict(simulation);
        run.decide({ step: "simulate", round }, verdict, verdictDetail(verdict));
        if (verdict === "plan_needs_change") {
          plan = parsePlan(await run.ask({ step: "refine", round }, refinementPrompt(problem, plan, simulation)));
        }
      }

      const outcome = await codeAndDebug(run, {
        round,
        codingPrompt: codingPrompt(problem, plan, this.settings),
        maxDebugTry: debug ? maxDebugTry : 0,
        debuggingPrompt: (program, failures) => debuggingPrompt(problem, plan, program, failures, this.settings),
      });
      latest = outcome.candidate ?? latest;
      if (outcome.passed) return run.finish(outcome.last.candidate, run.hasTests ? true : undefined);
    }
    return run.finish(latest ?? { kind: "solution", code: "" }, false);
  }
}

function verdictDetail(verdict: string): string {
  if (verdict === "plan_needs_change") return "the simulation found a flaw; the plan is refined";
  if (verdict === "plan_ok") return "the simulation confirmed the plan";
  return "no verdict could be read; the plan is kept";
}

/** The options of a variant that also runs as its authors' class: the prompt profile added. */
const profiledOptionsSchema = codesimOptionsSchema.extend({ prompts: promptProfileSchema.default("reference") });
type ProfiledOptions = z.infer<typeof profiledOptionsSchema>;

/** A variant with both profiles: the authors' class under `reference`, the options above under `cg`. */
function profiled(reference: CodeSimReferenceVariant) {
  return {
    schema: profiledOptionsSchema,
    build: (name: string, { prompts, ...options }: ProfiledOptions) =>
      prompts === "reference" ? new CodeSimReferenceStrategy(name, options, reference) : new CodeSimStrategy(name, options),
  };
}

export const codesim = defineStrategy({
  ...profiled(CODESIM_REFERENCE_VARIANTS.codesim),
  name: "codesim",
  description: "CodeSIM: plan with one recalled exemplar, verify the plan by simulation, code, then debug by simulation; several rounds.",
});

export const codesimWithoutDebugging = defineStrategy({
  ...profiled(CODESIM_REFERENCE_VARIANTS.withoutDebugging),
  name: "codesim-wd",
  description: "CodeSIM without debugging (CodeSIMWD): a failing round goes straight to a new plan.",
  fixed: { debug: false },
});

export const codesimWithoutPlanVerification = defineStrategy({
  ...profiled(CODESIM_REFERENCE_VARIANTS.withoutPlanVerification),
  name: "codesim-wpv",
  description: "CodeSIM without plan verification (CodeSIMWPV): no simulation or refinement call.",
  fixed: { verifyPlan: false },
});

export const codesimWithoutVerificationOrDebugging = defineStrategy({
  ...profiled(CODESIM_REFERENCE_VARIANTS.withoutVerificationOrDebugging),
  name: "codesim-wpvd",
  description: "CodeSIM without plan verification or debugging (CodeSIMWPVD): plan then code, several rounds.",
  fixed: { verifyPlan: false, debug: false },
});
