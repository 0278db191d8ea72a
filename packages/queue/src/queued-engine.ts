import type { Problem, Verdict } from "@cg/datasets";
import {
  lineCandidate,
  modelErrorResult,
  ModelUnavailableError,
  openRunFiles,
  planRun,
  recheckRun,
  runVerdict,
  sampleKey,
  scoredResult,
  Slots,
  writeRunSummary,
  type Engine,
  type GeneratedSampleResult,
  type Generation,
  type OpenRun,
  type RunConfig,
  type RunHooks,
  type RunPlan,
  type RunSummary,
} from "@cg/runner";
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { connectRedis } from "./connection";
import { JobWaiter, type JobFailure, type JobOutcome } from "./job-waiter";
import { JOB_ATTEMPTS, MAX_STALLED_COUNT, type ExecuteJobData, type ExecuteJobResult, type GenerateJobData, type GenerateJobResult, type GenerateQueueSpec } from "./jobs";
import { EXECUTE_QUEUE, executeJobId, GENERATE_QUEUES_KEY, generateJobId, generateQueueName, PREFIX, recheckJobId } from "./keys";
import { countRecorded, registerRun, resetRunCounts } from "./run-registry";

export interface QueuedEngineOptions {
  /** redis://HOST:PORT of the queue. */
  url: string;
  /** Where API keys and server addresses are read for checking the run; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Samples enqueued and not yet recorded, at most; bounds the coordinator's memory and Redis. */
  inFlight?: number;
}

const DEFAULT_IN_FLIGHT = 512;

const JOB_OPTIONS: JobsOptions = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: false,
  removeOnFail: false,
};

/** The queues and open files of one run in progress. */
interface RunState {
  plan: RunPlan;
  files: OpenRun;
  redis: Redis;
  generate: Queue<GenerateJobData, GenerateJobResult>;
  execute: Queue<ExecuteJobData, ExecuteJobResult>;
  generated: JobWaiter<GenerateJobResult>;
  executed: JobWaiter<ExecuteJobResult>;
  hooks: RunHooks;
}

/**
 * Runs through BullMQ on Redis: this process (the coordinator) enqueues a generation job per
 * unfinished sample and an execution job per candidate, and owns the run directory, writing each
 * result as its jobs come back. Workers (`QueueWorker`) on any machine do the jobs. Job ids are
 * derived from the samples, so a coordinator restarted after any crash finds the jobs already
 * queued or done instead of adding them again.
 */
export class QueuedEngine implements Engine {
  private connection: Promise<Redis> | undefined;

  constructor(private readonly options: QueuedEngineOptions) {}

  async run(config: RunConfig, hooks: RunHooks = {}): Promise<RunSummary> {
    const started = Date.now();
    const plan = await planRun(config, this.options.env);
    const redis = await this.redis();
    const files = await openRunFiles(plan, hooks.onWarning);
    try {
      await this.enqueueInto(plan, hooks, files, redis, started);
      await this.recheck(plan, hooks, redis);
      return await writeRunSummary(plan, started);
    } finally {
      files.lock.release();
    }
  }

  /** Has the workers do the samples not yet finished, recording each as it comes back, then closes the logs. */
  private async enqueueInto(plan: RunPlan, hooks: RunHooks, files: OpenRun, redis: Redis, started: number): Promise<void> {
    const { config } = plan;
    const limits = config.model.limits;
    const queueName = generateQueueName(plan.model.spec, config.model.baseUrl, limits);
    const generate = new Queue<GenerateJobData, GenerateJobResult>(queueName, { connection: redis, prefix: PREFIX });
    const execute = new Queue<ExecuteJobData, ExecuteJobResult>(EXECUTE_QUEUE, { connection: redis, prefix: PREFIX });
    const state: RunState = { plan, files, redis, generate, execute, generated: new JobWaiter(generate, redis), executed: new JobWaiter(execute, redis), hooks };
    try {
      const total = plan.problems.length * config.n;
      const spec: GenerateQueueSpec = { model: plan.model.spec, ...limits };
      await redis.hset(GENERATE_QUEUES_KEY, queueName, JSON.stringify(spec));
      await resetRunCounts(redis, plan.runId, files.finished.size);
      await registerRun(redis, { runId: plan.runId, config: plan.config, outDir: plan.outDir, total, startedAt: new Date(started).toISOString() });
      hooks.onStart?.({ outDir: plan.outDir, runId: plan.runId, total, resumed: files.finished.size });
      hooks.onProgress?.(files.tally.snapshot());
      await this.runAll(state);
      files.results.sync();
      files.trace.sync();
      await registerRun(redis, {
        runId: plan.runId,
        config: plan.config,
        outDir: plan.outDir,
        total,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date().toISOString(),
      });
    } finally {
      files.results.close();
      files.trace.close();
      await Promise.all([state.generated.close(), state.executed.close(), state.generate.close(), state.execute.close()]);
    }
  }

  /**
   * Has the verdicts near the time limit judged again, one execution job at a time, once every
   * sample of the run is recorded. Workers may meanwhile run jobs of other runs.
   */
  private async recheck(plan: RunPlan, hooks: RunHooks, redis: Redis): Promise<void> {
    const execute = new Queue<ExecuteJobData, ExecuteJobResult>(EXECUTE_QUEUE, { connection: redis, prefix: PREFIX });
    const executed = new JobWaiter<ExecuteJobResult>(execute, redis);
    try {
      await recheckRun(
        plan,
        async (line) => {
          const candidate = lineCandidate(line);
          const jobId = recheckJobId(plan.runId, line.task_id, line.sample_index, candidate.code);
          await submit(execute, jobId, { runId: plan.runId, taskId: line.task_id, sampleIndex: line.sample_index, candidate }, () => false);
          const verdict = runVerdict(verdictOf(await executed.wait(jobId)));
          await execute.remove(jobId);
          return verdict;
        },
        hooks,
      );
    } finally {
      await Promise.all([executed.close(), execute.close()]);
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection).quit();
  }

  private redis(): Promise<Redis> {
    if (!this.connection) {
      const connecting = connectRedis(this.options.url);
      this.connection = connecting;
      connecting.catch(() => {
        if (this.connection === connecting) this.connection = undefined;
      });
    }
    return this.connection;
  }

  /** Every unfinished sample, at most `inFlight` at once; the first error concerning the whole run stops it. */
  private async runAll(state: RunState): Promise<void> {
    const slots = new Slots(this.options.inFlight ?? DEFAULT_IN_FLIGHT);
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    outer: for (const problem of state.plan.problems) {
      for (let sampleIndex = 0; sampleIndex < state.plan.config.n; sampleIndex++) {
        if (state.files.finished.has(sampleKey(problem.taskId, sampleIndex))) continue;
        await slots.acquire();
        if (failure) {
          slots.release();
          break outer;
        }
        const task = this.runSample(state, problem, sampleIndex)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => slots.release());
        running.add(task);
        void task.finally(() => running.delete(task));
      }
    }
    await Promise.all(running);
    if (failure) throw failure.error;
  }

  private async runSample(state: RunState, problem: Problem, sampleIndex: number): Promise<void> {
    const { plan } = state;
    const { taskId } = problem;
    const generateId = generateJobId(plan.runId, taskId, sampleIndex);
    // A generation that failed on the model side is redone, as a local run redoes it on resume.
    await submit(state.generate, generateId, { runId: plan.runId, taskId, sampleIndex }, (result) => result.kind !== "generated");
    const generated = await state.generated.wait(generateId);
    const generation = generationOf(generated);
    if (generation.kind === "unavailable") {
      await state.generate.remove(generateId);
      throw new ModelUnavailableError(generation.errorMessage);
    }
    if (generation.kind === "model_error") {
      state.files.trace.writeModelError(taskId, sampleIndex, generation.error);
      await this.record(state, modelErrorResult(taskId, sampleIndex, generation), generated.state === "failed");
      await state.generate.remove(generateId);
      return;
    }
    const { candidate } = generation.result;
    const executeId = executeJobId(plan.runId, taskId, sampleIndex, candidate.code);
    await submit(state.execute, executeId, { runId: plan.runId, taskId, sampleIndex, candidate }, () => false);
    const executed = await state.executed.wait(executeId);
    // The trace goes first: a sample is finished only once its result line is written.
    state.files.trace.write(taskId, sampleIndex, generation.result.trace);
    await this.record(state, scoredResult(taskId, sampleIndex, generation, verdictOf(executed), plan.price), executed.state === "failed");
    await Promise.all([state.generate.remove(generateId), state.execute.remove(executeId)]);
  }

  private async record(state: RunState, result: GeneratedSampleResult, failed: boolean): Promise<void> {
    const key = sampleKey(result.task_id, result.sample_index);
    if (state.files.finished.has(key)) return;
    state.files.finished.add(key);
    state.files.results.append(result);
    state.files.tally.add(result, false);
    state.hooks.onProgress?.(state.files.tally.snapshot());
    await countRecorded(state.redis, state.plan.runId, failed);
  }
}

/**
 * Adds a job under its derived id unless one is there already. A job that failed for good, or
 * whose result `redo` rejects, is removed first so that it runs again.
 */
async function submit<D, R>(queue: Queue<D, R>, jobId: string, data: D, redo: (result: R) => boolean): Promise<void> {
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (!(state === "failed" || (state === "completed" && redo(existing.returnvalue)))) return;
    await existing.remove();
  }
  // BullMQ's queue types narrow the job name; every job of a queue has the same one.
  await (queue as Queue).add("sample", data, { ...JOB_OPTIONS, jobId });
}

type QueuedGeneration = Extract<Generation, { kind: "generated" }> | Extract<Generation, { kind: "model_error" }> | { kind: "unavailable"; errorMessage: string };

function generationOf(outcome: JobOutcome<GenerateJobResult>): QueuedGeneration {
  if (outcome.state === "failed") {
    return { kind: "model_error", error: namedError("WorkerError", describeFailure("generation", outcome)), generationMs: 0 };
  }
  const result = outcome.value;
  if (result.kind === "model_error") return { kind: "model_error", error: namedError(result.errorName, result.errorMessage), generationMs: result.generationMs };
  return result;
}

/** A candidate whose execution jobs all failed (or that crashed every worker running it) counts as a sandbox error, not as wrong code. */
function verdictOf(outcome: JobOutcome<ExecuteJobResult>): Verdict {
  if (outcome.state === "completed") return { ...outcome.value, stdout: "", stderr: "" };
  return {
    passed: false,
    status: "sandbox_error",
    errorType: "WorkerError",
    errorMessage: describeFailure("execution", outcome),
    wallMs: 0,
    cpuMs: 0,
    stdout: "",
    stderr: "",
  };
}

/** A job that lost its worker more often than BullMQ allows failed on its stalls, else on its errors. */
function describeFailure(work: "generation" | "execution", failure: JobFailure): string {
  if (failure.stalls > MAX_STALLED_COUNT) {
    return `${work} crashed workers ${failure.stalls} times (each died or stopped answering with the job in hand); not retried further`;
  }
  return `${work} failed on the workers ${failure.attempts} times: ${failure.reason}`;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
