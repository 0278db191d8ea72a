import type { WorkerRole } from "@cg/queue";
import type { Command } from "commander";
import { parsePositiveInt, parseSandbox } from "../options";
import { withQueueModule } from "../queue-module";
import { UsageError } from "../usage-error";

interface WorkerFlags {
  queue: string;
  role: WorkerRole;
  concurrency: number;
  workers?: number;
  sandbox: "bubblewrap" | "process";
  dataDir?: string;
  cache: boolean;
  cacheDir?: string;
  lockDuration?: number;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("do the generation and execution jobs of runs started with cg run --queue, until stopped (Ctrl-C or SIGTERM)")
    .requiredOption("--queue <url>", "Redis of the queue, e.g. redis://10.0.0.5:6379")
    .option("--role <role>", "generate, execute, or all", parseRole, "all")
    .option("--concurrency <count>", "generation jobs at once, hence model requests in flight", parsePositiveInt("--concurrency"), 8)
    .option("--workers <count>", "parallel sandboxes, hence execution jobs at once (default: number of cores)", parsePositiveInt("--workers"))
    .option("--sandbox <kind>", "bubblewrap, or the weaker process sandbox", parseSandbox, "bubblewrap")
    .option("--data-dir <dir>", "this machine's dataset mirror (default: $CG_DATA_DIR, else the run's)")
    .option("--cache-dir <dir>", "this machine's model response cache (default: the run's)")
    .option("--no-cache", "do not cache model responses")
    .option("--lock-duration <ms>", "how long a job stays with a worker that stopped answering before another takes it", parsePositiveInt("--lock-duration"))
    .action(async (flags: WorkerFlags) => {
      await withQueueModule(async ({ QueueWorker }) => {
        const worker = await QueueWorker.start({
          url: flags.queue,
          role: flags.role,
          concurrency: flags.concurrency,
          sandbox: { kind: flags.sandbox, workers: flags.workers },
          ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
          ...(flags.cache ? (flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }) : { cacheDir: false }),
          ...(flags.lockDuration === undefined ? {} : { lockDurationMs: flags.lockDuration }),
          log: (message) => process.stderr.write(`cg worker: ${message}\n`),
        });
        process.stderr.write(`cg worker: ready (${flags.role}) on ${flags.queue}\n`);
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        process.stderr.write(`cg worker: ${signal}, finishing the jobs in hand\n`);
        await worker.close();
      });
    });
}

function parseRole(value: string): WorkerRole {
  if (value !== "generate" && value !== "execute" && value !== "all") throw new UsageError(`--role must be generate, execute or all, got "${value}"`);
  return value;
}
