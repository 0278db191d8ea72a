import type { RunConfig } from "@cg/runner";
import type { Redis } from "ioredis";
import { RUNS_KEY, runCountsKey } from "./keys";

/** What workers and `cg status` know of a run: its configuration and where its coordinator writes. */
export interface RunRecord {
  runId: string;
  config: RunConfig;
  outDir: string;
  total: number;
  startedAt: string;
  finishedAt?: string;
}

export async function registerRun(redis: Redis, record: RunRecord): Promise<void> {
  await redis.hset(RUNS_KEY, record.runId, JSON.stringify(record));
}

export async function readRun(redis: Redis, runId: string): Promise<RunRecord | undefined> {
  const text = await redis.hget(RUNS_KEY, runId);
  return text === null ? undefined : (JSON.parse(text) as RunRecord);
}

export async function listRunRecords(redis: Redis): Promise<RunRecord[]> {
  return Object.values(await redis.hgetall(RUNS_KEY)).map((text) => JSON.parse(text) as RunRecord);
}

/** Sets the counters to what the results directory holds, at the start of each invocation. */
export async function resetRunCounts(redis: Redis, runId: string, done: number): Promise<void> {
  await redis.hset(runCountsKey(runId), { done, failed: 0 });
}

/** A sample was recorded; `failed` when its jobs exhausted their attempts or crashed workers too often. */
export async function countRecorded(redis: Redis, runId: string, failed: boolean): Promise<void> {
  const multi = redis.multi().hincrby(runCountsKey(runId), "done", 1);
  if (failed) multi.hincrby(runCountsKey(runId), "failed", 1);
  await multi.exec();
}

export async function readRunCounts(redis: Redis, runId: string): Promise<{ done: number; failed: number }> {
  const counts = await redis.hgetall(runCountsKey(runId));
  return { done: Number(counts.done ?? 0), failed: Number(counts.failed ?? 0) };
}
