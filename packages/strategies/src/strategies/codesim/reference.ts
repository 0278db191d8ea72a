import type { LoadOptions } from "@cg/datasets";
import { InvalidStrategyOptionsError } from "../../errors.js";
import type { PythonTemplate, StringLocator } from "../../python-strings.js";
import { referenceParseResponse } from "../../reference-answers.js";
import { contestTestLog, feedbackFiles, functionTestLog, referenceContestTests } from "../../reference-feedback.js";
import { datasetFiles, isCompetitive, referenceLanguage, referencePrompt } from "../../reference-problem.js";
import { REFERENCE_SAMPLING, ReferenceTextsLoader, referenceCallParams, referenceCandidate } from "../../reference-profile.js";
import type { ReferenceFileId, ReferenceTexts } from "../../reference-texts.js";
import { StrategyRun } from "../../strategy-run.js";
import type { StepLabel, Strategy, StrategyContext, StrategyResult } from "../../types.js";
import type { CodeSimOptions } from "./strategy.js";

/** One of the authors' CodeSIM classes, and what its code does that the others' does not. */
export interface CodeSimReferenceVariant {
  /** Its file in the CodeSIM repository. */
  path: string;
  className: string;
  /** The module-level template its planning call formats. */
  planningTemplate: "prompt_for_planning" | "prompt_for_planning_competative";
  /** Whether it simulates the plan and, when the simulation asks for it, refines it. */
  verifyPlan: boolean;
  /** Whether it debugs code that fails the sample tests. */
  debug: boolean;
  /** CodeSIMWD's refinement call sends the simulation's messages again instead of the refinement prompt. */
  refinementResendsSimulation: boolean;
  /** The budgets its constructor imposes on APPS, CodeContests and xCodeEval, whatever it was given. */
  competitiveBudget?: { maxPlanTry: number; maxDebugTry: number };
}

const CONTEST_BUDGET = { maxPlanTry: 3, maxDebugTry: 3 };

/** The classes `main.py --strategy CodeSIM|CodeSIMWD|CodeSIMWPV|CodeSIMWPVD` runs. */
export const CODESIM_REFERENCE_VARIANTS = {
  codesim: {
    path: "src/promptings/CodeSIM.py",
    className: "CodeSIM",
    planningTemplate: "prompt_for_planning",
    verifyPlan: true,
    debug: true,
    refinementResendsSimulation: false,
  },
  withoutDebugging: {
    path: "src/promptings/variations/CodeSIMWD.py",
    className: "CodeSIMWD",
    planningTemplate: "prompt_for_planning_competative",
    verifyPlan: true,
    debug: false,
    refinementResendsSimulation: true,
    competitiveBudget: CONTEST_BUDGET,
  },
  withoutPlanVerification: {
    path: "src/promptings/variations/CodeSIMWPV.py",
    className: "CodeSIMWPV",
    planningTemplate: "prompt_for_planning_competative",
    verifyPlan: false,
    debug: true,
    refinementResendsSimulation: false,
    competitiveBudget: CONTEST_BUDGET,
  },
  withoutVerificationOrDebugging: {
    path: "src/promptings/variations/CodeSIMWPVD.py",
    className: "CodeSIMWPVD",
    planningTemplate: "prompt_for_planning_competative",
    verifyPlan: false,
    debug: false,
    refinementResendsSimulation: false,
    competitiveBudget: CONTEST_BUDGET,
  },
} as const satisfies Record<string, CodeSimReferenceVariant>;

/**
 * The simulation's verdict as `run_single_pass` reads it: a refinement when the answer says
 * this and not the negative phrase, which is not the wording the prompt asks for on success.
 */
const MODIFICATION_NEEDED = "Plan Modification Needed";
const NO_MODIFICATION_NEEDED = "No Plan Modification Needed";

/**
 * CodeSIM as the authors' class runs it (`run_single_pass` of CodeSIM.py or of the variant's
 * file): per plan try, planning, then (with plan verification) simulation and refinement when
 * asked for, coding, a sample-test check, then (with debugging) up to maxDebugTry debugging
 * calls; the last code is the answer. Prompts, parsing and feedback are the class's own.
 */
export class CodeSimReferenceStrategy implements Strategy {
  readonly samplingDefaults = REFERENCE_SAMPLING;
  private readonly file: ReferenceFileId;
  private readonly reference: ReferenceTextsLoader;

  constructor(
    readonly name: string,
    private readonly options: CodeSimOptions,
    private readonly variant: CodeSimReferenceVariant,
  ) {
    const problems = cgOnlyOptions(options, variant);
    if (problems.length > 0) throw new InvalidStrategyOptionsError(name, problems);
    this.file = { repository: "codesim", path: variant.path };
    this.reference = new ReferenceTextsLoader([this.file, ...datasetFiles("codesim"), ...feedbackFiles("codesim")]);
  }

  async prepare(options: LoadOptions): Promise<void> {
    await this.reference.load(options);
  }

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    await this.reference.load();
    const texts = this.reference.texts;
    const { problem } = ctx;
    const { variant } = this;
    const run = new StrategyRun(ctx);
    const local = (locator: Omit<StringLocator, "scope">) => this.template(texts, { scope: `${variant.className}.run_single_pass`, ...locator });
    const module = (target: string) => this.template(texts, { scope: "", target });

    const competitive = isCompetitive(problem);
    const { maxPlanTry, maxDebugTry } = competitive && variant.competitiveBudget ? variant.competitiveBudget : this.options;
    const language = referenceLanguage(problem.language);
    let statement = referencePrompt(texts, "codesim", problem);
    let stdInputPrompt = "";
    if (competitive) {
      stdInputPrompt = local({ target: "std_input_prompt", nth: 1 }).text();
      statement = pythonSliceBefore(statement, local({ target: "problem" }).text());
    }
    const planMarker = local({ target: "plan", fstring: false }).text();
    const withPlan = (plan: string) => local({ target: "problem_with_planning", nth: 0 }).fill({ problem: statement, plan });
    const check = (label: StepLabel, code: string) => this.check(run, texts, label, code);

    let code = "";
    let passed = false;
    for (let round = 1; round <= maxPlanTry && !passed; round += 1) {
      const planning = await run.ask({ step: "plan", round }, format(module(variant.planningTemplate), { problem: statement, language }), referenceCallParams());
      const plan = planning.includes(planMarker) ? planning.slice(planning.lastIndexOf(planMarker)) : local({ target: "plan", fstring: true }).fill({ response: planning });
      let problemWithPlanning = withPlan(plan);

      if (variant.verifyPlan) {
        const simulationPrompt = format(module("prompt_for_simulation"), { problem_with_planning: problemWithPlanning, language });
        const simulation = await run.ask({ step: "simulate", round }, simulationPrompt, referenceCallParams());
        const needsChange = simulation.includes(MODIFICATION_NEEDED) && !simulation.includes(NO_MODIFICATION_NEEDED);
        run.decide({ step: "simulate", round }, needsChange ? "plan_needs_change" : "plan_ok", verdictDetail(needsChange, variant));
        if (needsChange) {
          const refinementPrompt = variant.refinementResendsSimulation
            ? simulationPrompt
            : format(module("prompt_for_plan_refinement"), { problem_with_planning: problemWithPlanning, language, critique: simulation });
          problemWithPlanning = withPlan(await run.ask({ step: "refine", round }, refinementPrompt, referenceCallParams()));
        }
      }

      const coding = format(module("prompt_for_code_generation"), { problem_with_planning: problemWithPlanning, language, std_input_prompt: stdInputPrompt });
      code = referenceParseResponse("codesim", await run.ask({ step: "code", round }, coding, referenceCallParams()));
      let feedback = await check({ step: "code", round }, code);
      passed = feedback.passed;

      for (let attempt = 1; variant.debug && !passed && attempt <= maxDebugTry; attempt += 1) {
        const debugging = format(module("prompt_for_debugging"), {
          problem_with_planning: problemWithPlanning,
          code,
          language,
          test_log: feedback.log,
          std_input_prompt: stdInputPrompt,
        });
        code = referenceParseResponse("codesim", await run.ask({ step: "debug", round, attempt }, debugging, referenceCallParams()));
        feedback = await check({ step: "debug", round, attempt }, code);
        passed = feedback.passed;
      }
    }
    // Base.run parses the returned code once more; for this parser that leaves it as it is.
    const answer = referenceParseResponse("codesim", code);
    return run.finish(referenceCandidate(problem, answer), passed ? (run.hasTests ? true : undefined) : false);
  }

  private template(texts: ReferenceTexts, locator: StringLocator): PythonTemplate {
    return texts.template(this.file, locator);
  }

  /**
   * `check`: the code against the sample tests, and the log a debugging call is shown. Function
   * datasets: `process_test_log` of `evaluate_io`'s log (the failing asserts only); contest
   * datasets: `contest_evaluate_public_tests`'s feedback from "## Tests failed:" on.
   */
  private async check(run: StrategyRun, texts: ReferenceTexts, label: StepLabel, code: string): Promise<{ passed: boolean; log: string }> {
    const { problem } = run;
    const outcome = await run.testCode(label, code, referenceCandidate(problem, code));
    if (isCompetitive(problem)) {
      const { log } = contestTestLog(texts, "codesim", referenceContestTests(problem), outcome.report);
      const failedSection = this.template(texts, { scope: `${this.variant.className}.check`, target: "test_log_sample" }).text();
      return { passed: outcome.passed, log: pythonSliceFrom(log, failedSection) };
    }
    const tests = problem.publicTests.map((test) => (test.kind === "assert" ? test.code : test.input));
    const { log } = functionTestLog(texts, "codesim", tests, outcome.report.results.map((result) => result.passed));
    return { passed: outcome.passed, log: this.processTestLog(texts, log) };
  }

  /** `process_test_log`: the failing lines of the log, each from its "assert" on, under a heading. */
  private processTestLog(texts: ReferenceTexts, log: string): string {
    const scope = `${this.variant.className}.process_test_log`;
    const literal = (nth: number) => this.template(texts, { scope, fstring: false, nth }).text();
    const [failedPrefix, assertWord] = [literal(2), literal(3)];
    const failed = pythonSplitlines(log)
      .filter((line) => line.startsWith(failedPrefix))
      // The authors' code raises where a line holds no "assert"; such a test is shown whole.
      .map((line) => (line.includes(assertWord) ? line.slice(line.indexOf(assertWord)) : line));
    return this.template(texts, { scope, fstring: true }).fill({ failed_test_cases_str: failed.join("\n") });
  }
}

/**
 * Options of the cg profile that the authors' class has no counterpart for: refused under the
 * reference profile rather than silently ignored.
 */
function cgOnlyOptions(options: CodeSimOptions, variant: CodeSimReferenceVariant): string[] {
  const expected: Partial<CodeSimOptions> = { verifyPlan: variant.verifyPlan, debug: variant.debug, exemplars: 1, competitive: false, generatedTests: 0 };
  return Object.entries(expected).flatMap(([key, value]) =>
    options[key as keyof CodeSimOptions] === value
      ? []
      : [`"${key}" is an option of the cg profile; the authors' ${variant.className} has no such setting (use prompts: "cg" to set it)`],
  );
}

function verdictDetail(needsChange: boolean, variant: CodeSimReferenceVariant): string {
  if (!needsChange) return "the simulation did not ask for a plan modification; the plan is kept";
  return variant.refinementResendsSimulation
    ? "the simulation asked for a plan modification; as in the authors' code, the simulation prompt is sent again and its answer becomes the plan"
    : "the simulation asked for a plan modification; the plan is refined";
}

/** `template.format(**values)`: Python ignores keyword arguments the template does not use. */
function format(template: PythonTemplate, values: Readonly<Record<string, string>>): string {
  return template.fill(Object.fromEntries(Object.entries(values).filter(([name]) => template.fields.includes(name))));
}

/** `text[:text.find(marker)]`: without the marker, Python's index -1 drops the last character. */
function pythonSliceBefore(text: string, marker: string): string {
  const at = text.indexOf(marker);
  return at === -1 ? Array.from(text).slice(0, -1).join("") : text.slice(0, at);
}

/** `text[text.find(marker):]`: without the marker, Python's index -1 keeps the last character. */
function pythonSliceFrom(text: string, marker: string): string {
  const at = text.indexOf(marker);
  return at === -1 ? Array.from(text).slice(-1).join("") : text.slice(at);
}

/** The line boundaries of Python's `str.splitlines()` ("\r\n" counts as one). */
const LINE_BREAKS = new Set(["\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]);

/** Python's `str.splitlines()`: split at every line boundary Python knows, no empty last line. */
function pythonSplitlines(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (!LINE_BREAKS.has(char)) {
      line += char;
      continue;
    }
    if (char === "\r" && text[i + 1] === "\n") i += 1;
    lines.push(line);
    line = "";
  }
  if (line !== "") lines.push(line);
  return lines;
}
