import type { LoadOptions, Problem, PublicTestReport } from "@cg/datasets";
import { z } from "zod";
import { ReferenceSourceError } from "../../errors.js";
import type { PythonTemplate, StringLocator } from "../../python-strings.js";
import { referenceParseResponse } from "../../reference-answers.js";
import { contestTestLog, feedbackFiles, functionTestLog } from "../../reference-feedback.js";
import { datasetFiles, isCompetitive, referenceLanguage, referenceProblemOf, referencePrompt, referenceSampleIo } from "../../reference-problem.js";
import { REFERENCE_SAMPLING, ReferenceTextsLoader, referenceCallParams, referenceCandidate } from "../../reference-profile.js";
import type { ReferenceRepository } from "../../reference-sources.js";
import type { ReferenceFileId, ReferenceTexts } from "../../reference-texts.js";
import { pythonStr } from "../../python-str.js";
import { StrategyRun } from "../../strategy-run.js";
import type { StepLabel, StrategyContext, StrategyResult } from "../../types.js";
import { isXmlDict, parseCode, parseXml, pythonInt, replaceTag, trimText, type XmlDict, type XmlValue } from "./reference-parsing.js";

const PROMPTING = "src/promptings/MapCoder.py";
const SCOPE = "MapCoder.run_single_pass";

/** The sample tests as the authors' records hold them (`item['sample_io']`). */
const sampleIoSchema = z.array(z.union([z.string(), z.looseObject({ input: z.unknown(), output: z.array(z.unknown()) })]));
type SampleIo = z.infer<typeof sampleIoSchema>;

interface RatedPlan {
  /** The planning answer as the model gave it. */
  planning: string;
  confidence: bigint;
  /** The recalled problem it was planned from, from 1. */
  exemplar: number;
}

/** One solve: its run, the authors' texts, the record's samples, and the values the prompts read so far. */
interface Pass {
  run: StrategyRun;
  texts: ReferenceTexts;
  sampleIo: SampleIo;
  /** By the expressions' source text in the MapCoder copy (`item`, where CodeSIM's says `data_row`). */
  values: Record<string, string>;
}

/**
 * MapCoder as the authors' `MapCoder.run_single_pass` runs it, call for call, from either
 * repository's copy: `source` "mapcoder" (the MapCoder repository, where the paper's numbers
 * come from) or "codesim" (the CodeSIM repository's copy: its dataset prompts, its test-log
 * wording and its `parse_response` of the returned code).
 *
 * Retrieval (1 call) → for each recalled problem a plan and a separate confidence rating (2
 * calls) → plans by decreasing confidence, each coded (1 call) and tested up to t times with a
 * debugging call after each failing test. Calls: at best 1 + 2p + 1, at worst 1 + 2p + p(1 + t),
 * for p recalled problems (k asked for).
 */
export class MapCoderAsAuthors {
  readonly samplingDefaults = REFERENCE_SAMPLING;
  private readonly loader: ReferenceTextsLoader;
  private readonly file: ReferenceFileId;

  constructor(
    private readonly source: ReferenceRepository,
    private readonly k: number,
    private readonly t: number,
  ) {
    this.file = { repository: source, path: PROMPTING };
    this.loader = new ReferenceTextsLoader([this.file, ...datasetFiles(source), ...feedbackFiles(source)]);
  }

  prepare(options: LoadOptions): Promise<void> {
    return this.loader.load(options);
  }

  async solve(ctx: StrategyContext): Promise<StrategyResult> {
    await this.loader.load();
    const { texts } = this.loader;
    const { problem } = ctx;
    const sampleIo = sampleIoOf(problem);
    const pass: Pass = {
      run: new StrategyRun(ctx),
      texts,
      sampleIo,
      values: {
        "self.data.get_prompt(item)": referencePrompt(texts, this.source, problem),
        "self.language": referenceLanguage(problem.language),
        "mapping[self.k]": texts.template(this.file, { scope: "", target: "mapping", nth: this.k - 1 }).text(),
        "self.get_sample_io_str(item['sample_io'])": this.sampleIoText(texts, sampleIo),
        std_input_prompt: this.template(texts, { target: "std_input_prompt", nth: isCompetitive(problem) ? 0 : 1 }).text(),
      },
    };
    const exemplars = await this.recall(pass);
    const plans = await this.plan(pass, exemplars);
    const { code, passed } = await this.codeAndDebug(pass, plans);
    // The returned code is parsed once more: by parse_code (MapCoder's Base.run) or parse_response (CodeSIM's).
    const final = this.source === "mapcoder" ? parseCode(code) : referenceParseResponse("codesim", code);
    return pass.run.finish(referenceCandidate(problem, final), passed && final === code && pass.run.hasTests ? true : undefined);
  }

  /** Retrieval agent: k recalled problems with their plans, and the algorithm behind the problem. */
  private async recall({ run, texts, values }: Pass): Promise<XmlDict[]> {
    const prompt = fill(this.template(texts, { target: "input_kb_exemplars", key: "content" }), values);
    let answer = await run.ask({ step: "retrieve" }, prompt, referenceCallParams());
    for (const nth of [0, 1, 2]) answer = trimText(answer, this.template(texts, { target: "response", fstring: false, nth }).text());
    answer = trimText(answer, fill(this.template(texts, { target: "response", fstring: true, nth: 0 }), values));
    for (const tag of ["algorithm", "description", "code", "planning"]) answer = replaceTag(answer, tag);
    const recollection = (await parseXml(answer)) ?? emptyDict();
    const algorithm = field(recollection, "algorithm");
    values["response['algorithm']"] = pythonStr(algorithm === undefined ? "" : algorithm);
    values.algorithm_prompt = fill(this.template(texts, { target: "algorithm_prompt" }), values);
    values.sample_io_prompt = fill(this.template(texts, { target: "sample_io_prompt" }), values);
    const exemplars = exemplarsOf(field(recollection, "problem"));
    run.decide({ step: "retrieve" }, "exemplars", `${exemplars.length} recalled problems read (${this.k} asked for)`);
    return exemplars;
  }

  /** Planning agent: a plan from each recalled problem and its confidence, asked in a call of its own; best first. */
  private async plan({ run, texts, values }: Pass, exemplars: readonly XmlDict[]): Promise<RatedPlan[]> {
    const answers: Array<{ planning: string; verdict: string }> = [];
    for (const [index, exemplar] of exemplars.entries()) {
      const round = index + 1;
      values.example_problem = pythonStr(Object.hasOwn(exemplar, "description") ? exemplar.description! : "");
      values.example_planning = pythonStr(Object.hasOwn(exemplar, "planning") ? exemplar.planning! : "");
      const planning = await run.ask({ step: "plan", round }, fill(this.template(texts, { target: "input_for_problem_planning", key: "content" }), values), referenceCallParams());
      values.planning = planning;
      const verdict = await run.ask({ step: "verify", round }, fill(this.template(texts, { target: "input_for_planning_verification", key: "content" }), values), referenceCallParams());
      answers.push({ planning, verdict });
    }
    const confidences = await Promise.all(answers.map(({ verdict }) => confidenceOf(verdict)));
    const plans = answers.map(({ planning }, i): RatedPlan => ({ planning, confidence: confidences[i]!, exemplar: i + 1 }));
    // Python's sort is stable, also with reverse=True: equal confidences keep the exemplar order.
    plans.sort((a, b) => (a.confidence === b.confidence ? 0 : a.confidence < b.confidence ? 1 : -1));
    run.decide({ step: "rank" }, "plan_order", plans.map((plan) => `exemplar ${plan.exemplar} (confidence ${plan.confidence})`).join(", ") || "no plan");
    return plans;
  }

  /**
   * Coding and debugging agents: each plan's code tested up to t times, a failing test followed
   * by a debugging call shown the previous answer; the code after the last plan's last debugging
   * call is returned untested. Where no plan was made (the authors' code fails on an unbound
   * `code`), the code is empty.
   */
  private async codeAndDebug({ run, texts, values, sampleIo }: Pass, plans: readonly RatedPlan[]): Promise<{ code: string; passed: boolean }> {
    const { problem } = run;
    let code = "";
    let passed = false;
    for (const [index, { planning }] of plans.entries()) {
      const round = index + 1;
      values.planning = planning;
      const answer = await run.ask({ step: "code", round }, fill(this.template(texts, { target: "input_for_final_code_generation", key: "content" }), values), referenceCallParams());
      code = parseCode(answer);
      values.code = code;
      values.response = fill(this.template(texts, { target: "response", fstring: true, nth: 1 }), values);
      passed = false;
      for (let attempt = 1; attempt <= this.t; attempt += 1) {
        const label: StepLabel = attempt === 1 ? { step: "code", round } : { step: "debug", round, attempt: attempt - 1 };
        const outcome = await run.testCode(label, code, referenceCandidate(problem, code));
        passed = outcome.passed;
        if (passed) break;
        values.test_log = this.testLog(texts, problem, sampleIo, outcome.report);
        const fix = await run.ask({ step: "debug", round, attempt }, fill(this.template(texts, { target: "input_for_improving_code", key: "content" }), values), referenceCallParams());
        values.response = fix;
        code = parseCode(fix);
      }
      if (passed) break;
    }
    return { code, passed };
  }

  private template(texts: ReferenceTexts, locator: Omit<StringLocator, "scope">): PythonTemplate {
    return texts.template(this.file, { scope: SCOPE, ...locator });
  }

  /** `get_sample_io_str`: asserts one per line, input/output pairs in the planning format; a list it cannot read as it is. */
  private sampleIoText(texts: ReferenceTexts, sampleIo: SampleIo): string {
    const first = sampleIo[0];
    if (typeof first === "string") return sampleIo.map((io) => pythonStr(io)).join("\n");
    if (first !== undefined) {
      const pair = texts.template(this.file, { scope: "MapCoder.get_sample_io_str", fstring: true });
      return sampleIo
        .map((io) => (typeof io === "string" ? pythonStr(io) : pair.fill({ "io['input']": pythonStr(io.input), "io['output'][0]": pythonStr(io.output[0]) })))
        .join("\n");
    }
    return pythonStr(sampleIo);
  }

  /** The test log `evaluate_sample_io` returns: evaluate_io's for functions, contest_evaluate_public_tests's for programs. */
  private testLog(texts: ReferenceTexts, problem: Problem, sampleIo: SampleIo, report: PublicTestReport): string {
    if (!isCompetitive(problem)) {
      const tests = sampleIo.map((io) => pythonStr(io));
      return functionTestLog(texts, this.source, tests, report.results.map((result) => result.passed)).log;
    }
    const tests = sampleIo.map((io) => (typeof io === "string" ? { input: io, output: [] } : { input: pythonStr(io.input), output: io.output.map(pythonStr) }));
    return contestTestLog(texts, this.source, tests, report).log;
  }
}

/**
 * The record's `sample_io` when the problem carries it (APPS), else the public tests in that
 * form: HumanEval's public tests are the record's sample_io; xCodeEval's records have none
 * although MapCoder reads it (a KeyError in the authors' code), so their samples are given in
 * the shape the authors' `evaluate_sample_io` builds from them.
 */
function sampleIoOf(problem: Problem): SampleIo {
  const recorded = referenceProblemOf(problem).fields.sample_io;
  if (recorded === undefined) return referenceSampleIo(problem.publicTests);
  const parsed = sampleIoSchema.safeParse(recorded);
  if (!parsed.success) throw new ReferenceSourceError(`${problem.taskId}: the record's sample_io is not a list of asserts or input/output pairs`);
  return parsed.data;
}

/**
 * Fills a template from the flow's values by the expressions' source text; the CodeSIM copy
 * names the record `data_row` where the MapCoder one says `item`.
 */
function fill(template: PythonTemplate, values: Readonly<Record<string, string>>): string {
  return template.fill(
    Object.fromEntries(
      template.fields.map((name) => {
        const value = values[name.replaceAll("data_row", "item")];
        if (value === undefined) throw new ReferenceSourceError(`${template.where} reads ${name}, which MapCoder's flow does not supply at that step`);
        return [name, value];
      }),
    ),
  );
}

function emptyDict(): XmlDict {
  return Object.create(null) as XmlDict;
}

/**
 * `response[key]`, or undefined where the authors' code raises KeyError. An answer with text
 * around its `<root>` parses only inside the wrapper `<root>` parse_xml adds, which nests the
 * answer's own root: the key is then read from that inner root.
 */
function field(dict: XmlDict, key: string): XmlValue | undefined {
  if (Object.hasOwn(dict, key)) return dict[key];
  const inner = Object.hasOwn(dict, "root") ? dict.root : undefined;
  return isXmlDict(inner) && Object.hasOwn(inner, key) ? inner[key] : undefined;
}

/**
 * The recalled problems `enumerate(response["problem"])` goes through: a list of dicts. A
 * single `<problem>` (a dict, whose keys the authors' code would iterate and fail on) counts as
 * one; entries that are not dicts (a `<problem>` without child elements) are skipped.
 */
function exemplarsOf(problems: XmlValue | undefined): XmlDict[] {
  if (isXmlDict(problems)) return [problems];
  return Array.isArray(problems) ? problems.filter(isXmlDict) : [];
}

/**
 * A plan's confidence as `int(str(verification_res['confidence']).strip())` reads it after
 * `replace_tag` of explanation and confidence and `parse_xml`. Where the authors' code raises
 * (no XML, no confidence, not an integer), the plan gets 0.
 */
async function confidenceOf(verdict: string): Promise<bigint> {
  const parsed = await parseXml(replaceTag(replaceTag(verdict, "explanation"), "confidence"));
  const confidence = parsed ? field(parsed, "confidence") : undefined;
  return (typeof confidence === "string" ? pythonInt(confidence) : undefined) ?? 0n;
}
