import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { PREFIX } from "../../src/keys";

export interface ActiveJob<D> {
  data: D;
  /** Process id of the worker holding the job, from BullMQ's processedBy ("host:pid"). */
  pid: number | undefined;
}

/** The active jobs of one queue and the worker processes holding them, read from Redis. */
export class ActiveJobs<D> {
  private readonly connection: Redis;
  private readonly queue: Queue<D>;

  constructor(url: string, queueName: string) {
    this.connection = new Redis(url, { maxRetriesPerRequest: null });
    this.queue = new Queue<D>(queueName, { connection: this.connection, prefix: PREFIX });
  }

  async list(): Promise<Array<ActiveJob<D>>> {
    const jobs = await this.queue.getJobs(["active"]);
    return jobs.flatMap((job) => (job ? [{ data: job.data, pid: job.processedBy ? Number(job.processedBy.split(":").at(-1)) : undefined }] : []));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
