import type { RunStatus } from "@cg/queue";
import type { Command } from "commander";
import { withQueueModule } from "../queue-module";

interface StatusFlags {
  queue: string;
  json: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("list the runs of a queue with their queued, active, done and failed counts")
    .requiredOption("--queue <url>", "Redis of the queue, e.g. redis://10.0.0.5:6379")
    .option("--json", "one JSON object per run instead of a table", false)
    .action(async (flags: StatusFlags) => {
      const runs = await withQueueModule(({ listRuns }) => listRuns(flags.queue));
      if (flags.json) {
        for (const run of runs) process.stdout.write(`${JSON.stringify(run)}\n`);
      } else {
        process.stdout.write(`${formatStatusTable(runs)}\n`);
      }
    });
}

function formatStatusTable(runs: RunStatus[]): string {
  if (runs.length === 0) return "no runs in this queue";
  const header = ["run", "dataset", "strategy", "model", "queued", "active", "done", "failed", "state"];
  const rows = runs.map((run) => [
    run.runId,
    run.dataset,
    run.strategy,
    run.model,
    String(run.queued),
    String(run.active),
    `${run.done}/${run.total}`,
    String(run.failed),
    run.finishedAt ? "finished" : "running",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}
