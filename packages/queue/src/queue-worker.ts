import { hostname } from "node:os";
import { createDataset, type Problem, type Suite } from "@cg/datasets";
import { ExecutionPool, type ExecutionPoolOptions } from "@cg/executor";
import { generateSample, ModelUnavailableError, observeReachability, planRun, type GenerationSetup, type RunConfig } from "@cg/runner";
import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { connectRedis } from "./connection";
import { MAX_STALLED_COUNT, type ExecuteJobData, type ExecuteJobResult, type GenerateJobData, type GenerateJobResult, type GenerateQueueSpec } from "./jobs";
import { EXECUTE_QUEUE, GENERATE_QUEUES_KEY, PREFIX } from "./keys";
import { readRun } from "./run-registry";
import { RateBudgetWaitAbandonedError, sharedBudgetOf } from "./shared-rate-budget";

export type WorkerRole = "generate" | "execute" | "all";

export interface QueueWorkerOptions {
  /** redis://HOST:PORT of the queue. */
  url: string;
  role?: WorkerRole;
  /** Generation jobs at once (each with at most one model request in flight). */
  concurrency?: number;
  /** The sandbox of execution jobs and public-test runs; its `workers` are the execution jobs at once. */
  sandbox?: ExecutionPoolOptions;
  /** This machine's dataset mirror, used instead of the coordinator's. */
  dataDir?: string;
  /** This machine's model response cache; default: the run's setting. */
  cacheDir?: string | false;
  /**
   * How long a job stays locked to this worker without a renewal. A worker that dies loses its
   * jobs to another after about this long (BullMQ's stalled-job check runs at this period).
   */
  lockDurationMs?: number;
  /** Where API keys are read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Where notices go (a queue picked up, a job failed). */
  log?: (message: string) => void;
}

export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** How often the list of generation queues is read, to serve queues of runs started later. */
const DISCOVERY_MS = 1000;

interface GenerationContext {
  setup: GenerationSetup;
  problems: Map<string, Problem>;
}

interface ExecutionContext {
  suite: Suite;
  problems: Map<string, Problem>;
  timeoutSeconds: number;
}

/**
 * Does the jobs of every run: generation jobs of each generation queue (their model calls paced
 * by the run's rate budget, shared by all workers through Redis) and execution jobs, in the same
 * bubblewrap sandbox as a local run. What a job needs of its run (the configuration) is read from
 * Redis once per run; the dataset comes from this machine's mirror.
 */
export class QueueWorker {
  private readonly workers = new Map<string, Worker>();
  /** One per BullMQ worker; BullMQ leaves closing connections it was given to us. */
  private readonly connections: Redis[] = [];
  private readonly generationContexts = new Map<string, Promise<GenerationContext>>();
  private readonly executionContexts = new Map<string, Promise<ExecutionContext>>();
  private readonly abort = new AbortController();
  /** Aborted on close: model requests still waiting on a shared rate budget give their jobs back. */
  private readonly budgetWaits = new AbortController();
  private discovery: ReturnType<typeof setInterval> | undefined;
  private discovering: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: QueueWorkerOptions,
    private readonly redis: Redis,
    private readonly pool: ExecutionPool,
  ) {}

  static async start(options: QueueWorkerOptions): Promise<QueueWorker> {
    const redis = await connectRedis(options.url);
    let pool: ExecutionPool;
    try {
      pool = await ExecutionPool.create(options.sandbox);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    const worker = new QueueWorker(options, redis, pool);
    const role = options.role ?? "all";
    if (role !== "generate") worker.serve(EXECUTE_QUEUE, pool.size, (job: Job<ExecuteJobData>) => worker.execute(job.data));
    if (role !== "execute") {
      await worker.discoverGenerateQueues();
      worker.discovery = setInterval(() => {
        worker.discovering = worker.discovering.then(() => worker.discoverGenerateQueues());
      }, DISCOVERY_MS);
    }
    return worker;
  }

  /**
   * Stops taking jobs, lets the jobs in hand finish, and releases the sandbox and connections.
   * Generation jobs waiting on a shared rate budget are not finished but put back in the queue
   * (without using an attempt), as their wait could outlast any shutdown grace period.
   */
  async close(): Promise<void> {
    clearInterval(this.discovery);
    await this.discovering;
    const closing = Promise.all([...this.workers.values()].map((worker) => worker.close()));
    this.budgetWaits.abort();
    await closing;
    this.abort.abort();
    await this.pool.close();
    for (const connection of this.connections) connection.disconnect();
    await this.redis.quit();
  }

  private serve<D, R>(queueName: string, concurrency: number, processor: (job: Job<D>) => Promise<R>): void {
    const lockDuration = this.options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
    const connection = this.redis.duplicate();
    this.connections.push(connection);
    const worker = new Worker<D, R>(queueName, processor, {
      connection,
      prefix: PREFIX,
      // Recorded on each job it takes (BullMQ's processedBy), so Redis tells which worker holds a job.
      name: `${hostname()}:${process.pid}`,
      concurrency,
      lockDuration,
      stalledInterval: lockDuration,
      maxStalledCount: MAX_STALLED_COUNT,
    });
    worker.on("failed", (job, error) => this.options.log?.(`job ${job?.id ?? "?"} of ${queueName} failed: ${error.message}`));
    worker.on("stalled", (jobId) => this.options.log?.(`job ${jobId} of ${queueName} lost its worker; handed to another`));
    worker.on("error", (error) => this.options.log?.(`queue ${queueName}: ${error.message}`));
    this.workers.set(queueName, worker);
  }

  private async discoverGenerateQueues(): Promise<void> {
    let queues: Record<string, string>;
    try {
      queues = await this.redis.hgetall(GENERATE_QUEUES_KEY);
    } catch {
      // Redis is away; the next round asks again.
      return;
    }
    for (const [name, text] of Object.entries(queues)) {
      if (this.workers.has(name)) continue;
      const spec = JSON.parse(text) as GenerateQueueSpec;
      this.serve(name, this.options.concurrency ?? 8, (job: Job<GenerateJobData>) => this.generate(job.data));
      this.options.log?.(`serving generation for ${spec.model}${describeLimits(spec)}`);
    }
  }

  private async generate(data: GenerateJobData): Promise<GenerateJobResult> {
    const context = await cached(this.generationContexts, data.runId, () => this.generationContext(data.runId));
    const problem = findProblem(context.problems, data);
    try {
      const generation = await generateSample(context.setup, problem, data.sampleIndex);
      if (generation.kind === "generated") return generation;
      return { kind: "model_error", errorName: generation.error.name, errorMessage: generation.error.message, generationMs: generation.generationMs };
    } catch (error) {
      if (error instanceof ModelUnavailableError) return { kind: "unavailable", errorMessage: error.message };
      // BullMQ moves a job whose processor throws this back to the queue without using an attempt.
      if (error instanceof RateBudgetWaitAbandonedError) throw Worker.RateLimitError();
      throw error;
    }
  }

  private async execute(data: ExecuteJobData): Promise<ExecuteJobResult> {
    const context = await cached(this.executionContexts, data.runId, () => this.executionContext(data.runId));
    const { stdout: _stdout, stderr: _stderr, ...verdict } = await context.suite.score(findProblem(context.problems, data), data.candidate, this.pool, {
      timeoutSeconds: context.timeoutSeconds,
    });
    return verdict;
  }

  private async generationContext(runId: string): Promise<GenerationContext> {
    const config = await this.runConfig(runId);
    const plan = await planRun(config, this.options.env, { sharedBudget: sharedBudgetOf(this.redis, config, this.budgetWaits.signal) });
    const concurrency = this.options.concurrency ?? 8;
    return {
      problems: new Map(plan.problems.map((p) => [p.taskId, p])),
      setup: {
        suite: plan.suite,
        strategy: plan.strategy,
        model: observeReachability(plan.model),
        baseUrl: config.model.baseUrl,
        unreachableLimit: concurrency,
        sampling: plan.config.sampling,
        endpoint: config.endpoint,
        executor: this.pool,
        timeoutSeconds: plan.timeoutSeconds,
        signal: this.abort.signal,
      },
    };
  }

  private async executionContext(runId: string): Promise<ExecutionContext> {
    const config = await this.runConfig(runId);
    const dataset = createDataset(config.dataset, config.datasetOptions);
    const suite = await dataset.load(config.dataDir ? { dataDir: config.dataDir } : {});
    return {
      suite,
      problems: new Map(suite.problems.map((p) => [p.taskId, p])),
      timeoutSeconds: config.timeoutSeconds ?? dataset.defaultTimeoutSeconds,
    };
  }

  /** The run's configuration with this machine's data and cache directories. */
  private async runConfig(runId: string): Promise<RunConfig> {
    const record = await readRun(this.redis, runId);
    if (!record) throw new Error(`run ${runId} is not registered in the queue; start it with cg run --queue`);
    const { config } = record;
    const dataDir = this.options.dataDir ?? (this.options.env ?? process.env).CG_DATA_DIR;
    const cacheDir = this.options.cacheDir;
    return {
      ...config,
      dataDir: dataDir ?? config.dataDir,
      model: cacheDir === undefined ? config.model : { ...config.model, cacheDir },
    };
  }
}

function describeLimits(spec: GenerateQueueSpec): string {
  const limits = [
    ...(spec.requestsPerMinute === undefined ? [] : [`${spec.requestsPerMinute} requests/min`]),
    ...(spec.tokensPerMinute === undefined ? [] : [`${spec.tokensPerMinute} tokens/min`]),
  ];
  return limits.length === 0 ? "" : ` (${limits.join(", ")} across all workers)`;
}

/** One context per run, made on first use; a context that failed to load is tried again by the next job. */
function cached<T>(contexts: Map<string, Promise<T>>, runId: string, make: () => Promise<T>): Promise<T> {
  let context = contexts.get(runId);
  if (!context) {
    const making = make();
    context = making;
    contexts.set(runId, making);
    making.catch(() => contexts.delete(runId));
  }
  return context;
}

function findProblem(problems: Map<string, Problem>, data: { runId: string; taskId: string }): Problem {
  const problem = problems.get(data.taskId);
  if (!problem) throw new Error(`${data.taskId} of run ${data.runId} is not in this worker's copy of the dataset; check --data-dir`);
  return problem;
}
