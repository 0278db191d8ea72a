import type { Problem, Sandbox, Suite, Verdict } from "@cg/datasets";
import { computeCostUsd, type ChatModel, type Endpoint, type ModelPrice, type SamplingParams } from "@cg/models";
import type { Strategy, StrategyResult } from "@cg/strategies";
import { classifyModelFailure } from "./model-failure";
import type { ObservedChatModel } from "./observed-model";
import { MODEL_ERROR, verdictFields, type GeneratedSampleResult, type VerdictFields } from "./sample-result";
import { sampleTestRunner } from "./sample-tests";

/** What every sample of a run is generated with. */
export interface GenerationSetup {
  /** The loaded dataset, whose public tests strategies run. */
  suite: Suite;
  strategy: Strategy;
  model: ObservedChatModel;
  baseUrl: string | undefined;
  /** Samples in a row failing to reach a model that had answered before, after which the run stops. */
  unreachableLimit: number;
  sampling: Omit<SamplingParams, "n">;
  endpoint: Endpoint;
  executor: Sandbox;
  timeoutSeconds: number;
  signal: AbortSignal;
}

export type Generation =
  | { kind: "generated"; result: StrategyResult; generationMs: number }
  | { kind: "model_error"; error: Error; generationMs: number };

/**
 * Runs the strategy on one sample, talking to `model` (by default the setup's; e.g. a view of it
 * that shares the problem's first call, see `SharedFirstCalls`). A failure of the model side
 * that concerns this sample alone comes back as a `model_error` generation; one that makes the
 * model unusable is thrown, as is anything else.
 */
export async function generateSample(setup: GenerationSetup, problem: Problem, sampleIndex: number, model: ChatModel = setup.model): Promise<Generation> {
  const started = performance.now();
  try {
    const result = await setup.strategy.solve({
      problem,
      model,
      sampling: setup.sampling,
      sampleIndex,
      endpoint: setup.endpoint,
      runSampleTests: sampleTestRunner(setup.suite, problem, setup.executor, setup.timeoutSeconds),
      signal: setup.signal,
    });
    return { kind: "generated", result, generationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const { model } = setup;
    const failure = classifyModelFailure(error, {
      spec: model.spec,
      baseUrl: setup.baseUrl,
      answered: model.answered,
      unreachableInARow: model.unreachableInARow,
      unreachableLimit: setup.unreachableLimit,
    });
    if (failure?.scope === "sample") return { kind: "model_error", error: failure.error, generationMs: Math.round(performance.now() - started) };
    throw failure?.error ?? error;
  }
}

/** A verdict as a run's results line records it (a run's lines keep no `parts`). */
export function runVerdict(verdict: Omit<Verdict, "stdout" | "stderr">): VerdictFields {
  const { parts: _parts, ...fields } = verdictFields(verdict);
  return fields;
}

/** The results line of a generated and scored sample. */
export function scoredResult(
  taskId: string,
  sampleIndex: number,
  generation: Extract<Generation, { kind: "generated" }>,
  verdict: Verdict,
  price: ModelPrice | undefined,
): GeneratedSampleResult {
  const { result } = generation;
  const calls = result.trace.flatMap((event) => (event.type === "model_call" ? [event] : []));
  return {
    task_id: taskId,
    sample_index: sampleIndex,
    ...runVerdict(verdict),
    candidate_kind: result.candidate.kind,
    code: result.candidate.code,
    public_tests_passed: result.publicTestsPassed ?? null,
    model_calls: result.modelCalls,
    sample_test_runs: result.sampleTestRuns,
    tokens_in: result.usage.promptTokens,
    tokens_out: result.usage.completionTokens,
    cost_usd: price ? calls.reduce((sum, call) => sum + computeCostUsd(call.usage, price), 0) : null,
    latency_ms: calls.reduce((sum, call) => sum + call.latencyMs, 0),
    generation_ms: generation.generationMs,
  };
}

/** The results line of a sample whose generation failed on the model side: no code, no verdict. */
export function modelErrorResult(taskId: string, sampleIndex: number, generation: Extract<Generation, { kind: "model_error" }>): GeneratedSampleResult {
  return {
    task_id: taskId,
    sample_index: sampleIndex,
    passed: false,
    status: MODEL_ERROR,
    error_type: generation.error.name,
    error_message: generation.error.message,
    duration_ms: 0,
    cpu_ms: 0,
    candidate_kind: null,
    code: null,
    public_tests_passed: null,
    model_calls: 0,
    sample_test_runs: 0,
    tokens_in: 0,
    tokens_out: 0,
    cost_usd: 0,
    latency_ms: 0,
    generation_ms: generation.generationMs,
  };
}
