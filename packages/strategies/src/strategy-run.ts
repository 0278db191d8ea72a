import type { Candidate, CompletionPrompt, Problem, PublicTest, PublicTestReport } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { type ChatMessage, type SamplingParams, mergeUsage } from "@cg/models";
import { candidateFromAnswer } from "./candidate.js";
import { EmptyModelResponseError } from "./errors.js";
import type { SampleTestStatus, StepLabel, StrategyContext, StrategyResult, TraceEvent } from "./types.js";

/**
 * A request sent again verbatim within one solve (CodeSIM re-planning from the same prompt) is
 * meant as a fresh draw. Offsetting its sample index by this much keeps it apart from the first
 * in the response cache and gives seeded providers a new seed, without colliding with the
 * indices of the problem's other samples.
 */
export const REPEATED_REQUEST_INDEX_STRIDE = 1_000_000;

export interface TestOutcome {
  /** The code extracted from the answer; "" when there was none. */
  code: string;
  candidate: Candidate;
  /** True when the tests passed, and when there were no tests to run. */
  passed: boolean;
  status: SampleTestStatus;
  report: PublicTestReport;
}

/** One strategy solving one problem: makes the model calls and sample-test runs, and records them. */
export class StrategyRun {
  private readonly events: TraceEvent[] = [];
  private readonly timesSent = new Map<string, number>();
  private extraTests: PublicTest[] = [];

  constructor(private readonly ctx: StrategyContext) {}

  get problem(): Problem {
    return this.ctx.problem;
  }

  /** Whether there is anything to run a candidate against. */
  get hasTests(): boolean {
    return this.ctx.problem.publicTests.length + this.extraTests.length > 0;
  }

  /** The tests every sample-test run runs: the public tests, then those added. */
  get sampleTests(): PublicTest[] {
    return [...this.ctx.problem.publicTests, ...this.extraTests];
  }

  /** Adds model-written tests to every later sample-test run. */
  addExtraTests(tests: readonly PublicTest[]): void {
    this.extraTests = [...this.extraTests, ...tests];
  }

  /**
   * Sends one user message and returns the answer text (reasoning removed). `params` are this
   * call's own settings (a step's penalty) for the knobs the run does not set: what the user set
   * for the run wins. Errors propagate.
   */
  ask(label: StepLabel, prompt: string, params: SamplingParams = {}): Promise<string> {
    return this.send(label, prompt, { ...params, ...this.ctx.sampling });
  }

  /**
   * Has a base model continue `prompt.text` (sent as it is) and returns the continuation up to
   * its first stop sequence: the dataset's, and the run's own `stop` if any. A server stops
   * there already; cutting here as well keeps the candidate the same with one that does not.
   */
  async continuePrompt(label: StepLabel, prompt: CompletionPrompt): Promise<string> {
    const stop = [...new Set([...(this.ctx.sampling.stop ?? []), ...prompt.stop])];
    return cutAtFirstStop(await this.send(label, prompt.text, { ...this.ctx.sampling, stop }), stop);
  }

  private async send(label: StepLabel, prompt: string, sampling: SamplingParams): Promise<string> {
    const { model, signal } = this.ctx;
    signal?.throwIfAborted();
    const messages: ChatMessage[] = [{ role: "user", content: prompt }];
    const sampleIndex = this.sampleIndexFor(messages);
    const response = await model.chat({ messages, params: { ...sampling, n: 1 }, sampleIndex, ...(signal ? { signal } : {}) });
    const choice = response.choices[0];
    if (!choice) throw new EmptyModelResponseError(model.spec, label.step);
    this.events.push({
      type: "model_call",
      ...label,
      messages,
      sampleIndex,
      text: choice.text,
      ...(choice.reasoning ? { reasoning: choice.reasoning } : {}),
      finishReason: choice.finishReason,
      usage: response.usage,
      costUsd: response.costUsd,
      latencyMs: response.latencyMs,
      cached: response.cached,
    });
    return choice.text;
  }

  /**
   * Extracts the code from an answer and runs it against the sample tests. An answer without
   * code fails without running; with no tests at all the code is accepted unrun.
   */
  async test(label: StepLabel, answer: string): Promise<TestOutcome> {
    const { code, candidate } = candidateFromAnswer(this.problem, answer);
    return this.testCode(label, code, candidate);
  }

  /** Runs code already taken from an answer, as `candidate`, against the sample tests; as `test`. */
  async testCode(label: StepLabel, code: string, candidate: Candidate): Promise<TestOutcome> {
    if (!this.hasTests) {
      return this.recordTests(label, code, candidate, "no_tests", {
        passed: true,
        results: [],
        log: "The problem has no public tests; the code was accepted without running it.",
      });
    }
    if (code === "") return this.recordTests(label, code, candidate, "no_code", this.noCodeReport());
    this.ctx.signal?.throwIfAborted();
    const report = await this.ctx.runSampleTests(candidate, this.extraTests.length > 0 ? this.extraTests : undefined);
    return this.recordTests(label, code, candidate, "executed", report);
  }

  decide(label: StepLabel, decision: string, detail: string): void {
    this.events.push({ type: "decision", ...label, decision, detail });
  }

  finish(candidate: Candidate, publicTestsPassed?: boolean): StrategyResult {
    const calls = this.events.flatMap((event) => (event.type === "model_call" ? [event] : []));
    const costs = calls.map((call) => call.costUsd);
    return {
      candidate,
      trace: [...this.events],
      usage: mergeUsage(calls.map((call) => call.usage)),
      costUsd: costs.some((cost) => cost === null) ? null : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
      modelCalls: calls.length,
      sampleTestRuns: this.events.filter((event) => event.type === "sample_tests" && event.status === "executed").length,
      ...(publicTestsPassed === undefined ? {} : { publicTestsPassed }),
    };
  }

  private sampleIndexFor(messages: ChatMessage[]): number {
    const key = JSON.stringify(messages);
    const repeats = this.timesSent.get(key) ?? 0;
    this.timesSent.set(key, repeats + 1);
    return this.ctx.sampleIndex + repeats * REPEATED_REQUEST_INDEX_STRIDE;
  }

  private recordTests(label: StepLabel, code: string, candidate: Candidate, status: SampleTestStatus, report: PublicTestReport): TestOutcome {
    this.events.push({ type: "sample_tests", ...label, status, candidate, report });
    return { code, candidate, passed: report.passed, status, report };
  }

  private noCodeReport(): PublicTestReport {
    const fence = `\`\`\`${this.problem.language}`;
    const detail = "no code was found in the answer, so nothing was run";
    return {
      passed: false,
      results: [...this.problem.publicTests, ...this.extraTests].map((test) => ({ test, passed: false, status: "failed", detail })),
      log: `The answer contained no ${languageName(this.problem.language)} code, so no test could run. Reply with the complete program in a ${fence} block.`,
    };
  }
}

/** `text` up to the first occurrence of any of `stop`. */
export function cutAtFirstStop(text: string, stop: readonly string[]): string {
  const ends = stop.map((sequence) => text.indexOf(sequence)).filter((index) => index !== -1);
  return ends.length === 0 ? text : text.slice(0, Math.min(...ends));
}
