import type { LoadOptions, PublicTest } from "@cg/datasets";
import { referenceParseResponse } from "../../reference-answers.js";
import { feedbackFiles } from "../../reference-feedback.js";
import { datasetFiles, isCompetitive, referenceLanguage, referencePrompt } from "../../reference-problem.js";
import { REFERENCE_SAMPLING, ReferenceTextsLoader, referenceCallParams, referenceCandidate } from "../../reference-profile.js";
import type { ReferenceFileId, ReferenceTexts } from "../../reference-texts.js";
import { StrategyRun } from "../../strategy-run.js";
import type { StepLabel, Strategy, StrategyContext, StrategyResult } from "../../types.js";
import { checkLog, cutStatement, parseTestCases } from "./codesim-ac-feedback.js";

/** Plan tries, and debugging tries per plan. */
export interface CodeSimBudget {
  plans: number;
  debugs: number;
}

/** What tells the authors' CodeSIMA and CodeSIMC apart; their `run_single_pass` is otherwise the same. */
export interface CodeSimVariantSpec {
  /** The authors' class and the file that holds it and its prompts. */
  className: string;
  file: ReferenceFileId;
  /** Test-writing calls before the first plan (`additional_info_run`); 0 when the class writes none. */
  testWritingCalls: number;
  /** `frequency_penalty` of each test-writing call. */
  testWritingFrequencyPenalty: number;
  /** The constructor's defaults, and what `is_competitive` sets them to on APPS, CodeContests and xCodeEval. */
  budget: { function: CodeSimBudget; contest: CodeSimBudget };
}

/**
 * The phrases the authors' code reads in a simulation answer: a change is needed when the answer
 * has the first and not the second.
 */
const MODIFICATION_NEEDED = "Plan Modification Needed";
const NO_MODIFICATION_NEEDED = "No Plan Modification Needed";
/** Where the authors' code takes the plan from in a planning answer: its last heading of this name. */
const PLAN_HEADING = "### Plan";

interface Check {
  /** The candidate's code that ran. */
  code: string;
  passed: boolean;
  log: string;
}

/**
 * CodeSIMA / CodeSIMC as their authors' `run_single_pass` runs them (src/promptings/variations/),
 * call for call: model-written tests (CodeSIMA), then up to `plans` rounds of planning,
 * simulation, the "refinement" (which re-sends the simulation prompt, as the authors' code
 * does), coding and up to `debugs` debugging calls, each followed by a run of the sample tests
 * and the kept model-written tests.
 */
export class CodeSimVariantReference implements Strategy {
  readonly samplingDefaults = REFERENCE_SAMPLING;
  private readonly reference: ReferenceTextsLoader;

  constructor(
    readonly name: string,
    private readonly spec: CodeSimVariantSpec,
  ) {
    this.reference = new ReferenceTextsLoader([spec.file, ...datasetFiles("codesim"), ...feedbackFiles("codesim")]);
  }

  async prepare(options: LoadOptions): Promise<void> {
    await this.reference.load(options);
  }

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    await this.reference.load();
    const { texts } = this.reference;
    const { problem } = ctx;
    const { file, className } = this.spec;
    const run = new StrategyRun(ctx);
    const scope = `${className}.run_single_pass`;
    const prompt = (name: string) => texts.template(file, { scope: "", target: name });
    const language = referenceLanguage(problem.language);
    const competitive = isCompetitive(problem);

    let statement = referencePrompt(texts, "codesim", problem);
    let stdInputPrompt = "";
    if (competitive) {
      stdInputPrompt = texts.template(file, { scope, target: "std_input_prompt", nth: 1 }).text();
      statement = cutStatement(statement);
    }

    const extraTests = await this.writeTests(run, texts, statement, competitive);

    const { plans, debugs } = competitive ? this.spec.budget.contest : this.spec.budget.function;
    let code = "";
    let last: Check | undefined;
    for (let round = 1; round <= plans; round += 1) {
      const planning = withoutThinking(await run.ask({ step: "plan", round }, prompt("prompt_for_planning_competative").fill({ problem: statement, language }), referenceCallParams()));
      const plan = planning.includes(PLAN_HEADING)
        ? planning.slice(planning.lastIndexOf(PLAN_HEADING))
        : texts.template(file, { scope, target: "plan", fstring: true }).fill({ response: planning });
      let problemWithPlanning = texts.template(file, { scope, target: "problem_with_planning", nth: 0 }).fill({ problem: statement, plan });

      const simulationPrompt = prompt("prompt_for_simulation").fill({ problem_with_planning: problemWithPlanning, language });
      const simulation = withoutThinking(await run.ask({ step: "simulate", round }, simulationPrompt, referenceCallParams()));
      if (simulation.includes(MODIFICATION_NEEDED) && !simulation.includes(NO_MODIFICATION_NEEDED)) {
        run.decide(
          { step: "simulate", round },
          "plan_needs_change",
          "the simulation asks for a change; as in the authors' code, the simulation prompt is sent again in place of the refinement prompt and its answer becomes the plan",
        );
        const refined = withoutThinking(await run.ask({ step: "refine", round }, simulationPrompt, referenceCallParams()));
        problemWithPlanning = texts.template(file, { scope, target: "problem_with_planning", nth: 1 }).fill({ problem: statement, plan: refined });
      } else {
        run.decide({ step: "simulate", round }, "plan_ok", "the simulation does not ask for a change");
      }

      const coding = prompt("prompt_for_code_generation").fill({ problem_with_planning: problemWithPlanning, language, std_input_prompt: stdInputPrompt });
      code = referenceParseResponse("codesim", await run.ask({ step: "code", round }, coding, referenceCallParams()));
      last = await this.check(run, texts, { step: "code", round }, extraTests, code);

      for (let attempt = 1; !last.passed && attempt <= debugs; attempt += 1) {
        const debugging = prompt("prompt_for_debugging").fill({
          problem_with_planning: problemWithPlanning,
          code,
          language,
          test_log: last.log,
          std_input_prompt: stdInputPrompt,
        });
        code = referenceParseResponse("codesim", await run.ask({ step: "debug", round, attempt }, debugging, referenceCallParams()));
        last = await this.check(run, texts, { step: "debug", round, attempt }, extraTests, code);
      }
      if (last.passed) break;
    }

    // The authors' `run` parses the code `run_single_pass` returns once more.
    const candidate = referenceCandidate(problem, referenceParseResponse("codesim", code));
    const tested = last !== undefined && run.hasTests && last.code === candidate.code;
    return run.finish(candidate, tested ? last?.passed : undefined);
  }

  /**
   * CodeSIMA's additional IO: the model writes tests `testWritingCalls` times and the tests every
   * answer has are kept, in the first answer's order (the authors keep a Python set, whose order
   * changes from one process to the next). Contest problems get none: see `skipReason`.
   */
  private async writeTests(run: StrategyRun, texts: ReferenceTexts, statement: string, competitive: boolean): Promise<PublicTest[]> {
    const { testWritingCalls, testWritingFrequencyPenalty, file } = this.spec;
    if (testWritingCalls === 0) return [];
    const entryPoint = run.problem.entryPoint;
    if (competitive || entryPoint === undefined) {
      run.decide({ step: "write_tests" }, "skipped", skipReason(this.spec.className));
      return [];
    }
    const prompt = texts.template(file, { scope: "", target: "prompt_for_additional_io" }).fill({ problem: statement, problem_name: entryPoint });
    let shared: string[] | undefined;
    for (let attempt = 1; attempt <= testWritingCalls; attempt += 1) {
      const answer = await run.ask({ step: "write_tests", attempt }, prompt, referenceCallParams({ frequencyPenalty: testWritingFrequencyPenalty }));
      const tests = parseTestCases(withoutThinking(answer));
      shared = shared === undefined ? [...new Set(tests)] : shared.filter((test) => tests.includes(test));
    }
    const kept = (shared ?? []).map((code): PublicTest => ({ kind: "assert", code }));
    run.addExtraTests(kept);
    run.decide({ step: "write_tests" }, "generated_tests", `${kept.length} tests are in all ${testWritingCalls} answers and run with the sample tests`);
    return kept;
  }

  /** The authors' `check`: the sample tests and the kept model-written tests, in one run. */
  private async check(run: StrategyRun, texts: ReferenceTexts, label: StepLabel, extraTests: readonly PublicTest[], code: string): Promise<Check> {
    const candidate = referenceCandidate(run.problem, code);
    const outcome = await run.testCode(label, candidate.code, candidate);
    const log = outcome.passed ? "" : checkLog(texts, this.spec.file, this.spec.className, run.problem, extraTests, outcome.report);
    return { code: candidate.code, passed: outcome.passed, log };
  }
}

/**
 * Thinking inlined in an answer is left out of what the next prompts show, by the rule of the
 * authors' `parse_response`: with both tags present, the text after the first `</think>`.
 */
function withoutThinking(answer: string): string {
  return answer.includes("<think>") && answer.includes("</think>") ? answer.split("</think>")[1]! : answer;
}

function skipReason(className: string): string {
  return (
    `${className} asks for tests of the problem's function (its entry_point); the authors' code stops on contest ` +
    "problems, which have none, so no tests are written and the sample tests alone are run"
  );
}
