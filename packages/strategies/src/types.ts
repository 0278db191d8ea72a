import type { Candidate, LoadOptions, Problem, PublicTest, PublicTestReport } from "@cg/datasets";
import type { ChatMessage, ChatModel, Endpoint, SamplingParams, TokenUsage } from "@cg/models";

/**
 * Runs a candidate against the problem's public tests, plus `extraTests` when given (tests the
 * model wrote itself, e.g. CodeSIM's `generatedTests`). Supplied by the runner, which owns the
 * sandbox; a strategy never sees the hidden tests.
 */
export type RunSampleTests = (candidate: Candidate, extraTests?: readonly PublicTest[]) => Promise<PublicTestReport>;

export interface StrategyContext {
  /** The problem with its public tests only. */
  problem: Problem;
  model: ChatModel;
  /** Used for every call; `n` is forced to 1, as every step asks for exactly one answer. */
  sampling: SamplingParams;
  /** Forwarded as `ChatRequest.sampleIndex`, so the n samples of a problem stay independent and cacheable. */
  sampleIndex: number;
  /**
   * The endpoint `model` speaks: `chat` (the default), or `completions`, a base model that
   * continues text, which only strategies registered for it can use.
   */
  endpoint?: Endpoint;
  runSampleTests: RunSampleTests;
  signal?: AbortSignal;
}

/** Where in a strategy's flow an event happened. */
export interface StepLabel {
  /** The step's name, e.g. "plan", "simulate", "code", "debug". */
  step: string;
  /** From 1. CodeSIM: the plan try. MapCoder: the exemplar for "plan" steps, the plan's rank for "code" and "debug". */
  round?: number;
  /** Debugging attempt within a round, from 1. */
  attempt?: number;
}

export interface ModelCallEvent extends StepLabel {
  type: "model_call";
  messages: ChatMessage[];
  /** The `sampleIndex` sent; differs from the context's only for a request repeated verbatim. */
  sampleIndex: number;
  text: string;
  reasoning?: string;
  finishReason: string;
  usage: TokenUsage;
  costUsd: number | null;
  latencyMs: number;
  cached: boolean;
}

/**
 * - `executed`: the runner ran the candidate.
 * - `no_code`: no code could be extracted from the answer; counted as a failure, nothing ran.
 * - `no_tests`: the problem has no public tests; the code was accepted without running it.
 */
export type SampleTestStatus = "executed" | "no_code" | "no_tests";

export interface SampleTestEvent extends StepLabel {
  type: "sample_tests";
  status: SampleTestStatus;
  candidate: Candidate;
  report: PublicTestReport;
}

/** A branch taken by the strategy, with what it was based on (a parsed verdict, a plan order). */
export interface DecisionEvent extends StepLabel {
  type: "decision";
  decision: string;
  detail: string;
}

export type TraceEvent = ModelCallEvent | SampleTestEvent | DecisionEvent;

export interface StrategyResult {
  candidate: Candidate;
  /** Every model call, sample-test run and decision, in order. */
  trace: TraceEvent[];
  usage: TokenUsage;
  /** Sum over the calls; null when any call had no known price. */
  costUsd: number | null;
  modelCalls: number;
  /** Times the runner's `runSampleTests` was called. */
  sampleTestRuns: number;
  /** Whether the returned candidate passed the public tests; absent when they were not run on it. */
  publicTestsPassed?: boolean;
}

export interface Strategy {
  /** The registered name, e.g. "codesim-wd". */
  readonly name: string;
  /**
   * Sampling the strategy is defined with (the papers' temperature, top_p and max_tokens under
   * the reference profile); the run's own settings take precedence.
   */
  readonly samplingDefaults?: Readonly<SamplingParams>;
  /**
   * Reads what the strategy needs before its first problem (the authors' sources, for the
   * reference profile), so that a missing source stops a run before any model call.
   */
  prepare?(options: LoadOptions): Promise<void>;
  solve(ctx: StrategyContext): Promise<StrategyResult>;
}
