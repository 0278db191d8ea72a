import { expandSweep, LocalEngine, loadSweepFile, type RunSummary } from "@cg/runner";
import type { Command } from "commander";
import { datasetOptionsFrom, sinceFlag, untilFlag } from "../dataset-option-flags";
import { describeError } from "../describe-error";
import { parsePositiveInt, parseSandbox, requireFile } from "../options";
import { runWithProgress } from "./run";

interface SweepFlags {
  since?: string;
  until?: string;
  workers?: number;
  sandbox: "bubblewrap" | "process";
}

interface SweepRow {
  dataset: string;
  strategy: string;
  model: string;
  outcome: { summary: RunSummary; outDir: string } | { error: string };
}

export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description("run every dataset × strategy × model of a sweep file (JSON, see docs/runner.md); rerun to resume")
    .argument("<file>", "sweep file")
    .addOption(sinceFlag())
    .addOption(untilFlag())
    .option("--workers <count>", "parallel sandboxes for tests (default: number of cores)", parsePositiveInt("--workers"))
    .option("--sandbox <kind>", "bubblewrap, or the weaker process sandbox", parseSandbox, "bubblewrap")
    .action(async (file: string, flags: SweepFlags) => {
      const sweep = loadSweepFile(requireFile(file, "sweep file"));
      // The flags set the window of every run, over the file's own datasetOptions.
      const flagged = datasetOptionsFrom(flags);
      const runs = expandSweep(Object.keys(flagged).length === 0 ? sweep : { ...sweep, datasetOptions: { ...sweep.datasetOptions, ...flagged } }, file);
      const engine = new LocalEngine({ sandbox: { kind: flags.sandbox, workers: flags.workers } });
      const rows: SweepRow[] = [];
      try {
        for (const [index, config] of runs.entries()) {
          process.stdout.write(`\n[${index + 1}/${runs.length}] ${config.dataset} · ${config.strategy} · ${config.model.spec}\n`);
          const row = { dataset: config.dataset, strategy: config.strategy, model: config.model.spec };
          try {
            rows.push({ ...row, outcome: await runWithProgress(engine, config) });
          } catch (error) {
            // A run the user can fix (unknown name, unreachable server) does not stop the others.
            const { message, exitCode } = describeError(error);
            if (exitCode !== 2) throw error;
            process.stderr.write(`cg: ${message}\n`);
            rows.push({ ...row, outcome: { error: message } });
          }
        }
      } finally {
        await engine.close();
      }
      process.stdout.write(`\n${formatSweepTable(rows)}\n`);
      if (rows.some((row) => "error" in row.outcome)) process.exitCode = 2;
    });
}

function formatSweepTable(rows: SweepRow[]): string {
  const table = [["dataset", "strategy", "model", "pass@1", "samples", "model errors", "directory"]];
  for (const { dataset, strategy, model, outcome } of rows) {
    if ("error" in outcome) {
      table.push([dataset, strategy, model, "failed", "-", "-", outcome.error]);
    } else {
      const { summary, outDir } = outcome;
      const pass = summary["pass@1"];
      table.push([dataset, strategy, model, pass === undefined ? "-" : `${(100 * pass).toFixed(2)}%`, String(summary.samples), String(summary.model_errors), outDir]);
    }
  }
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")).join("\n");
}
