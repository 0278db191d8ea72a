import type { Problem, Verdict } from "@cg/datasets";
import type { ChatModel } from "@cg/models";
import { ExecutionPool, type ExecutionPoolOptions } from "@cg/executor";
import type { Engine, RunHooks } from "./engine";
import { generateSample, modelErrorResult, runVerdict, scoredResult, type Generation, type GenerationSetup } from "./generate-sample";
import { observeReachability } from "./observed-model";
import type { RunConfig } from "./run-config";
import { lineCandidate, openRunFiles, recheckRun, writeRunSummary, type OpenRun } from "./run-files";
import { checkRunServer, planRun, type RunPlan } from "./run-plan";
import type { ProgressTally } from "./run-progress";
import type { RunSummary } from "./run-summary";
import type { ResultsLog } from "./results-log";
import { sampleKey, type GeneratedSampleResult } from "./sample-result";
import { SharedFirstCalls } from "./shared-first-calls";
import { Slots } from "./slots";
import type { TraceLog } from "./trace-log";

export interface LocalEngineOptions {
  /** The sandbox shared by scoring and public-test runs; its `workers` bound executions. */
  sandbox?: ExecutionPoolOptions;
  /** Where API keys and server addresses are read; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** The open files and limits of one run in progress. */
interface RunState {
  plan: RunPlan;
  setup: GenerationSetup;
  /** Cancels the samples in flight when the run must stop. */
  abort: AbortController;
  results: ResultsLog<GeneratedSampleResult>;
  trace: TraceLog;
  tally: ProgressTally;
  generating: Slots;
  scoring: Slots;
  hooks: RunHooks;
}

/**
 * Runs in this process. Samples stream through two bounds: `concurrency` samples in generation
 * (each with at most one model request in flight; `concurrency × n` where a problem's samples
 * share their first request, the model's limiter keeping `concurrency` requests in flight) and,
 * once generated, twice the sandbox's
 * workers waiting for or in scoring. A generated sample keeps its generation slot until it gets
 * a scoring slot, so nothing piles up in memory when scoring is the slower side.
 */
export class LocalEngine implements Engine {
  private pool: Promise<ExecutionPool> | undefined;

  constructor(private readonly options: LocalEngineOptions = {}) {}

  async run(config: RunConfig, hooks: RunHooks = {}): Promise<RunSummary> {
    const started = Date.now();
    const plan = await planRun(config, this.options.env);
    const files = await openRunFiles(plan, hooks.onWarning);
    try {
      await this.generateInto(plan, hooks, files);
      await this.recheck(plan, hooks);
      return await writeRunSummary(plan, started);
    } finally {
      files.lock.release();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool).close();
  }

  /** Generates and scores the samples not yet finished, then closes the logs. */
  private async generateInto(plan: RunPlan, hooks: RunHooks, { results, trace, tally, finished }: OpenRun): Promise<void> {
    const { config } = plan;
    try {
      // A finished run, rerun for its summary, needs no server.
      if (finished.size < plan.problems.length * config.n) await checkRunServer(plan, this.options.env);
      hooks.onStart?.({ outDir: plan.outDir, runId: plan.runId, total: plan.problems.length * config.n, resumed: finished.size });
      hooks.onProgress?.(tally.snapshot());
      const executor = await this.executionPool();
      const abort = new AbortController();
      await this.generateAll(
        {
          plan,
          setup: {
            suite: plan.suite,
            strategy: plan.strategy,
            model: observeReachability(plan.model),
            baseUrl: config.model.baseUrl,
            // As many as can be in flight: all of them failing means the server is gone.
            unreachableLimit: config.concurrency,
            sampling: config.sampling,
            endpoint: config.endpoint,
            executor,
            timeoutSeconds: plan.timeoutSeconds,
            signal: abort.signal,
          },
          abort,
          results,
          trace,
          tally,
          // Where a problem's samples share their first request, `concurrency` problems' worth of
          // samples, so that as many requests are in flight; the model's limiter bounds them all the same.
          generating: new Slots(plan.nativeSamples ? config.concurrency * config.n : config.concurrency),
          scoring: new Slots(executor.size * 2),
          hooks,
        },
        finished,
      );
      results.sync();
      trace.sync();
    } finally {
      results.close();
      trace.close();
    }
  }

  /** Judges the verdicts near the time limit again, one at a time, on the run's own sandbox pool, which nothing else uses by then. */
  private async recheck(plan: RunPlan, hooks: RunHooks): Promise<void> {
    const executor = await this.executionPool();
    const problems = new Map(plan.problems.map((p) => [p.taskId, p]));
    await recheckRun(
      plan,
      async (line) => runVerdict(await plan.suite.score(problems.get(line.task_id)!, lineCandidate(line), executor, { timeoutSeconds: plan.timeoutSeconds })),
      hooks,
    );
  }

  /** Started on first use and shared by every run of this engine. */
  private executionPool(): Promise<ExecutionPool> {
    if (!this.pool) {
      const starting = ExecutionPool.create(this.options.sandbox);
      this.pool = starting;
      // A pool that failed to start is not kept, so that a later run tries again; the caller gets the error.
      starting.catch(() => {
        if (this.pool === starting) this.pool = undefined;
      });
    }
    return this.pool;
  }

  /**
   * Streams every unfinished sample, problem by problem, through the generation and scoring
   * bounds. Where one request returns n samples, the samples of a problem share their first
   * request (`SharedFirstCalls`). The first error that concerns the whole run cancels the samples
   * in flight (they are not recorded) and is thrown once they have stopped.
   */
  private async generateAll(state: RunState, finished: ReadonlySet<string>): Promise<void> {
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    const { plan, setup } = state;
    outer: for (const problem of plan.problems) {
      const pending = Array.from({ length: plan.config.n }, (_, index) => index).filter((index) => !finished.has(sampleKey(problem.taskId, index)));
      const shared = plan.nativeSamples && pending.length > 1 ? new SharedFirstCalls(setup.model, pending) : undefined;
      for (const sampleIndex of pending) {
        await state.generating.acquire();
        if (failure) {
          state.generating.release();
          break outer;
        }
        const model = shared?.modelFor(sampleIndex) ?? setup.model;
        const task = this.runSample(state, problem, sampleIndex, model).catch((error: unknown) => {
          failure ??= { error };
          state.abort.abort(error);
        });
        running.add(task);
        void task.finally(() => running.delete(task));
      }
    }
    await Promise.all(running);
    if (failure) throw failure.error;
  }

  private async runSample(state: RunState, problem: Problem, sampleIndex: number, model: ChatModel): Promise<void> {
    const { plan, setup } = state;
    let generation: Generation;
    try {
      generation = await generateSample(setup, problem, sampleIndex, model);
    } catch (error) {
      state.generating.release();
      throw error;
    }
    if (generation.kind === "model_error") {
      state.generating.release();
      state.trace.writeModelError(problem.taskId, sampleIndex, generation.error);
      this.record(state, modelErrorResult(problem.taskId, sampleIndex, generation));
      return;
    }
    await state.scoring.acquire();
    state.generating.release();
    let verdict: Verdict;
    try {
      verdict = await plan.suite.score(problem, generation.result.candidate, setup.executor, { timeoutSeconds: plan.timeoutSeconds });
    } finally {
      state.scoring.release();
    }
    // The trace goes first: a sample is finished only once its result line is written.
    state.trace.write(problem.taskId, sampleIndex, generation.result.trace);
    this.record(state, scoredResult(problem.taskId, sampleIndex, generation, verdict, plan.price));
  }

  private record(state: RunState, result: GeneratedSampleResult): void {
    state.results.append(result);
    state.tally.add(result, false);
    state.hooks.onProgress?.(state.tally.snapshot());
  }
}
