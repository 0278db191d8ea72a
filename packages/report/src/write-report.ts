import { mkdir, open, rename, unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Problem } from "@cg/datasets";
import { encodeDetail } from "./detail-codec";
import { overviewTable } from "./overview";
import { PAGE_END, renderDetailBlock, renderPageStart } from "./page";
import { pageScripts } from "./page-script";
import { catalogOf, loadProblemCatalog, type ProblemCatalog } from "./problem-catalog";
import { detailElementId, type ReportData, type ReportProblem, type ReportRun } from "./report-model";
import { findResultsDirectories, openResultsDirectory, type ResultsDirectory } from "./results-directory";
import { readRunDetails } from "./run-details";
import { runLabels } from "./run-label";
import { readRunOutcomes, type RunOutcomes } from "./run-outcomes";

export interface ReportOptions {
  /** Results directories of cg run or cg eval, or folders above them. */
  paths: readonly string[];
  /** The HTML file to write. */
  out: string;
  /** Dataset mirror for prompts and metadata (default: each run's own, else $CG_DATA_DIR, else the cache). */
  dataDir?: string;
  /** Samples files of evaluation directories, by directory, so that their code can be shown. */
  samplesFiles?: Readonly<Record<string, string>>;
  /** Problems by dataset name, for datasets cg does not know or to use instead of reading them. */
  problems?: Readonly<Record<string, readonly Problem[]>>;
}

export interface WrittenReport {
  path: string;
  runs: number;
  problems: number;
  bytes: number;
  /** What the report could not show (a dataset's prompts, a torn last line); the runs' own warnings are not repeated here. */
  warnings: string[];
}

/** The report `cg run` and `cg eval` write into their output directory. */
export const REPORT_FILE = "report.html";

/**
 * Writes one self-contained HTML report over the given results. Results are read twice per run,
 * streamed: once for the numbers every view needs, once for code and traces, which go into the
 * file problem by problem, so memory stays bounded however large the runs are.
 */
export async function writeReport(options: ReportOptions): Promise<WrittenReport> {
  const scripts = pageScripts();
  const dirs = [...new Set(options.paths.flatMap(findResultsDirectories).map((dir) => resolve(dir)))];
  const directories = dirs.map(openResultsDirectory);
  const warnings: string[] = [];

  const catalogs = await loadCatalogs(directories, options, warnings);

  const outcomes: RunOutcomes[] = [];
  for (const directory of directories) {
    const catalog = catalogs.get(directory.summary.dataset);
    const run = await readRunOutcomes(directory, (taskId) => catalog?.problems.get(taskId)?.position);
    warnings.push(...run.warnings);
    outcomes.push(run);
  }
  const { problems, indexOf } = collectProblems(directories, outcomes, catalogs);
  const labels = runLabels(directories);
  const errorTypes = new Map<string, number>();
  const errorTypeIndex = (name: string): number => {
    if (!errorTypes.has(name)) errorTypes.set(name, errorTypes.size);
    return errorTypes.get(name) as number;
  };
  const runs = directories.map((directory, i): ReportRun => reportRun(directory, labels[i]!, outcomes[i]!, indexOf, errorTypeIndex));
  const runWarnings = directories.flatMap((directory, i) => ("warnings" in directory.summary ? directory.summary.warnings.map((warning) => `${labels[i]}: ${warning}`) : []));
  const data: ReportData = { generatedAt: new Date().toISOString(), runs, problems, errorTypes: [...errorTypes.keys()], warnings: [...warnings, ...runWarnings] };

  const samplesFiles = new Map(Object.entries(options.samplesFiles ?? {}).map(([dir, file]) => [resolve(dir), file]));
  const out = resolve(options.out);
  const bytes = await writeAtomically(out, async (write) => {
    await write(renderPageStart(data, overviewTable(runs), scripts));
    for (const [runIndex, directory] of directories.entries()) {
      const positions = new Map(outcomes[runIndex]!.taskIds.map((taskId, position) => [taskId, position]));
      const samplesFile = samplesFiles.get(directory.dir);
      const catalog = catalogs.get(directory.summary.dataset);
      await readRunDetails(directory, {
        ...(samplesFile === undefined ? {} : { samplesFile }),
        ...(catalog ? { normalizeTaskId: catalog.normalizeTaskId } : {}),
        emit: async (taskId, detail) => {
          const position = positions.get(taskId);
          if (position !== undefined) await write(renderDetailBlock(detailElementId(runIndex, position), encodeDetail(detail)));
        },
      });
    }
    await write(PAGE_END);
  });
  return { path: out, runs: runs.length, problems: problems.length, bytes, warnings };
}

/** Each dataset's problems: given by the caller, else read from the mirror or cache (a warning when they cannot be). */
async function loadCatalogs(directories: readonly ResultsDirectory[], options: ReportOptions, warnings: string[]): Promise<Map<string, ProblemCatalog | null>> {
  const catalogs = new Map<string, ProblemCatalog | null>();
  for (const directory of directories) {
    const dataset = directory.summary.dataset;
    if (catalogs.has(dataset)) continue;
    const given = options.problems?.[dataset];
    if (given !== undefined) {
      catalogs.set(dataset, catalogOf(dataset, given));
      continue;
    }
    const { catalog, warning } = await loadProblemCatalog(dataset, options.dataDir ?? directory.config?.config.dataDir);
    catalogs.set(dataset, catalog);
    if (warning !== null) warnings.push(warning);
  }
  return catalogs;
}

/** Writes a file through `fill` under a temporary name, renamed into place once complete; returns its size. */
async function writeAtomically(path: string, fill: (write: (text: string) => Promise<void>) => Promise<void>): Promise<number> {
  const partial = `${path}.${process.pid}.partial`;
  await mkdir(dirname(path), { recursive: true });
  const file = await open(partial, "w");
  let bytes = 0;
  try {
    await fill(async (text) => {
      bytes += (await file.write(text)).bytesWritten;
    });
    await file.close();
  } catch (error) {
    await file.close();
    await unlink(partial);
    throw error;
  }
  await rename(partial, path);
  return bytes;
}

function reportRun(
  directory: ResultsDirectory,
  label: string,
  outcomes: RunOutcomes,
  indexOf: (dataset: string, taskId: string) => number,
  errorTypeIndex: (name: string) => number,
): ReportRun {
  const identity = directory.config?.identity;
  return {
    label,
    dir: directory.dir,
    kind: directory.kind,
    dataset: directory.summary.dataset,
    strategy: identity?.strategy ?? null,
    model: identity?.model ?? null,
    summary: directory.summary,
    problems: outcomes.taskIds.map((taskId) => indexOf(directory.summary.dataset, taskId)),
    outcomes: outcomes.outcomes,
    calls: outcomes.calls,
    tokens: outcomes.tokens,
    runtimeErrorTypes: outcomes.runtimeErrorTypes.map(errorTypeIndex),
    ...(outcomes.flaky.some((count) => count > 0) ? { flaky: outcomes.flaky } : {}),
    hasCode: outcomes.hasCode,
    hasTrace: directory.tracePath !== null,
  };
}

/** Every problem any run scored, dataset by dataset in order of first appearance, each in dataset order. */
function collectProblems(
  directories: readonly ResultsDirectory[],
  outcomes: readonly RunOutcomes[],
  catalogs: ReadonlyMap<string, ProblemCatalog | null>,
): { problems: ReportProblem[]; indexOf: (dataset: string, taskId: string) => number } {
  const byDataset = new Map<string, string[]>();
  directories.forEach((directory, i) => {
    const seen = byDataset.get(directory.summary.dataset) ?? [];
    byDataset.set(directory.summary.dataset, seen);
    seen.push(...outcomes[i]!.taskIds);
  });
  const problems: ReportProblem[] = [];
  const index = new Map<string, number>();
  for (const [dataset, taskIds] of byDataset) {
    const catalog = catalogs.get(dataset) ?? null;
    const unique = [...new Set(taskIds)];
    const position = (taskId: string) => catalog?.problems.get(taskId)?.position ?? Infinity;
    const ordered = unique.map((taskId, first) => ({ taskId, first })).sort((a, b) => position(a.taskId) - position(b.taskId) || a.first - b.first);
    for (const { taskId } of ordered) {
      const known = catalog?.problems.get(taskId);
      index.set(`${dataset}\u0000${taskId}`, problems.length);
      problems.push({ dataset, taskId, prompt: known?.prompt ?? null, metadata: known?.metadata ?? {} });
    }
  }
  return { problems, indexOf: (dataset, taskId) => index.get(`${dataset}\u0000${taskId}`) as number };
}
