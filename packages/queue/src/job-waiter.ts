import { Job, type Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { PREFIX } from "./keys";

/** How a job failed for good: the last error, attempts that threw, and times it lost its worker. */
export interface JobFailure {
  state: "failed";
  reason: string;
  attempts: number;
  stalls: number;
}

export type JobOutcome<R> = { state: "completed"; value: R } | JobFailure;

/** Also checked on this period, so that an event lost while Redis was away delays a job but never strands it. */
const SWEEP_MS = 2000;

/**
 * Waits for jobs of one queue to finish. Queue events wake a waiter early; the job's state in
 * Redis is the truth, read on each event and on a periodic sweep.
 */
export class JobWaiter<R> {
  private readonly pending = new Map<string, (outcome: JobOutcome<R>) => void>();
  private readonly events: QueueEvents;
  /** QueueEvents blocks on its connection, so it gets its own; BullMQ leaves closing it to us. */
  private readonly eventsConnection: Redis;
  private readonly sweep: ReturnType<typeof setInterval>;

  constructor(
    private readonly queue: Queue,
    connection: Redis,
  ) {
    this.eventsConnection = connection.duplicate();
    this.events = new QueueEvents(queue.name, { connection: this.eventsConnection, prefix: PREFIX });
    const onFinished = ({ jobId }: { jobId: string }) => void this.check(jobId);
    this.events.on("completed", onFinished);
    this.events.on("failed", onFinished);
    this.sweep = setInterval(() => {
      for (const jobId of this.pending.keys()) void this.check(jobId);
    }, SWEEP_MS);
  }

  /** Resolves once the job is completed, or failed for good (its attempts are spent). */
  wait(jobId: string): Promise<JobOutcome<R>> {
    const outcome = new Promise<JobOutcome<R>>((resolve) => this.pending.set(jobId, resolve));
    void this.check(jobId);
    return outcome;
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await this.events.close();
    this.eventsConnection.disconnect();
  }

  /** BullMQ counts a job's stalls in its hash but does not load them into `Job`. */
  private async stallsOf(jobId: string): Promise<number> {
    const client = await this.queue.client;
    return Number((await client.hget(this.queue.toKey(jobId), "stalledCounter")) ?? 0);
  }

  private async check(jobId: string): Promise<void> {
    if (!this.pending.has(jobId)) return;
    let outcome: JobOutcome<R> | undefined;
    try {
      const state = await this.queue.getJobState(jobId);
      if (state !== "completed" && state !== "failed") return;
      // Read after the state: a finished job's value and reason no longer change.
      const job = await Job.fromId<unknown, R>(this.queue, jobId);
      if (!job) return;
      outcome = state === "completed" ? { state, value: job.returnvalue } : { state, reason: job.failedReason, attempts: job.attemptsMade, stalls: await this.stallsOf(jobId) };
    } catch {
      // Redis is away; the next sweep asks again.
      return;
    }
    const resolve = this.pending.get(jobId);
    if (!resolve) return;
    this.pending.delete(jobId);
    resolve(outcome);
  }
}
