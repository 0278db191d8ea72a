import { join } from "node:path";
import { REPORT_FILE, writeReport, type ReportOptions } from "@cg/report";
import type { Command } from "commander";

interface ReportFlags {
  out?: string;
  dataDir?: string;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("write one self-contained HTML report over results directories of cg run and cg eval")
    .argument("<results-dir...>", "output directories of cg run or cg eval, or folders above them (a sweep's results root)")
    .option("--out <file>", `HTML file to write (default: <results-dir>/${REPORT_FILE} for one directory, else ./${REPORT_FILE})`)
    .option("--data-dir <dir>", "dataset mirror for prompts and metadata (default: each run's own, else $CG_DATA_DIR, else the cache)")
    .action(async (paths: string[], flags: ReportFlags) => {
      const out = flags.out ?? (paths.length === 1 ? join(paths[0]!, REPORT_FILE) : REPORT_FILE);
      await report({ paths, out, ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }) });
    });
}

/**
 * Writes the report into a finished run's or evaluation's directory, as `cg run` and `cg eval` do
 * when they end. The results are complete by then, so a report that cannot be written is a
 * warning, not a failed run; `cg report DIR` tries again.
 */
export async function reportInto(outDir: string, options: Omit<ReportOptions, "paths" | "out"> = {}): Promise<void> {
  try {
    await report({ ...options, paths: [outDir], out: join(outDir, REPORT_FILE) });
  } catch (error) {
    process.stderr.write(`warning: the report could not be written (${(error as Error).message}); run cg report ${outDir} to retry\n`);
  }
}

async function report(options: ReportOptions): Promise<void> {
  const written = await writeReport(options);
  for (const warning of written.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`report: ${written.path}\n`);
}
