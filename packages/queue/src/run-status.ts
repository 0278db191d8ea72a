import { Queue } from "bullmq";
import { connectRedis } from "./connection";
import { EXECUTE_QUEUE, GENERATE_QUEUES_KEY, PREFIX } from "./keys";
import { listRunRecords, readRunCounts } from "./run-registry";

export interface RunStatus {
  runId: string;
  dataset: string;
  strategy: string;
  model: string;
  outDir: string;
  total: number;
  /** Jobs of the run waiting for a worker (generation and execution). */
  queued: number;
  /** Jobs of the run a worker is doing. */
  active: number;
  /** Samples recorded in the results. */
  done: number;
  /** Of those, samples whose jobs failed on every attempt or crashed workers too often (recorded as model or sandbox errors). */
  failed: number;
  startedAt: string;
  finishedAt: string | undefined;
}

/** Every run the queue knows, with its job and sample counts, oldest first. */
export async function listRuns(url: string): Promise<RunStatus[]> {
  const redis = await connectRedis(url);
  try {
    const queueNames = [EXECUTE_QUEUE, ...Object.keys(await redis.hgetall(GENERATE_QUEUES_KEY))];
    const queued = new Map<string, number>();
    const active = new Map<string, number>();
    for (const name of queueNames) {
      const queue = new Queue<{ runId: string }>(name, { connection: redis, prefix: PREFIX });
      try {
        tallyByRun(queued, await queue.getJobs(["waiting", "delayed", "prioritized", "paused"]));
        tallyByRun(active, await queue.getJobs(["active"]));
      } finally {
        await queue.close();
      }
    }
    const runs: RunStatus[] = [];
    for (const record of await listRunRecords(redis)) {
      const counts = await readRunCounts(redis, record.runId);
      runs.push({
        runId: record.runId,
        dataset: record.config.dataset,
        strategy: record.config.strategy,
        model: record.config.model.spec,
        outDir: record.outDir,
        total: record.total,
        queued: queued.get(record.runId) ?? 0,
        active: active.get(record.runId) ?? 0,
        done: counts.done,
        failed: counts.failed,
        startedAt: record.startedAt,
        finishedAt: record.finishedAt,
      });
    }
    return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  } finally {
    await redis.quit();
  }
}

function tallyByRun(counts: Map<string, number>, jobs: Array<{ data: { runId: string } } | undefined>): void {
  for (const job of jobs) {
    if (job) counts.set(job.data.runId, (counts.get(job.data.runId) ?? 0) + 1);
  }
}
