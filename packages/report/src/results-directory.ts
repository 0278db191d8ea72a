import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CONFIG_FILE, EVALUATION_FILE, RESULTS_FILE, SUMMARY_FILE, TRACE_FILE, type EvalSummary, type RunSummary, type SavedRunConfig } from "@cg/runner";
import { InvalidResultsError, NotAResultsDirectoryError } from "./errors";
import type { ResultsKind } from "./report-model";

/** A finished `cg run` or `cg eval` output directory. */
export interface ResultsDirectory {
  dir: string;
  kind: ResultsKind;
  summary: RunSummary | EvalSummary;
  /** config.json of a run; null for an evaluation. */
  config: SavedRunConfig | null;
  resultsPath: string;
  /** trace.jsonl of a run; null for an evaluation. */
  tracePath: string | null;
}

/** Levels searched below a path that is not itself a results directory (root/dataset/strategy/model/params/id is five). */
const SEARCH_DEPTH = 6;

/**
 * The results directories a path names: the path itself when it is one, otherwise every results
 * directory below it (so `cg report results/humaneval` covers a whole sweep), in path order.
 */
export function findResultsDirectories(path: string): string[] {
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new NotAResultsDirectoryError(`${path} is not a directory; pass the output directory of cg run or cg eval (it holds ${SUMMARY_FILE})`);
  }
  if (resultsKind(path) !== null) return [path];
  const found: string[] = [];
  collect(path, SEARCH_DEPTH, found);
  if (found.length === 0) {
    const unfinished = existsSync(join(path, RESULTS_FILE));
    throw new NotAResultsDirectoryError(
      unfinished
        ? `${path} has no ${SUMMARY_FILE}: the run did not finish; rerun the same cg run or cg eval command to finish it, then report`
        : `${path} is not a results directory and holds none: pass the output directory of cg run or cg eval (it holds ${SUMMARY_FILE} and ${RESULTS_FILE}), or a folder above such directories`,
    );
  }
  return found;
}

function collect(dir: string, depth: number, found: string[]): void {
  if (depth === 0) return;
  const children = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules")
    .map((entry) => entry.name)
    .sort();
  for (const name of children) {
    const child = join(dir, name);
    if (resultsKind(child) !== null) found.push(child);
    else collect(child, depth - 1, found);
  }
}

/** "run" for a cg run directory, "eval" for a cg eval one, null for anything else. */
function resultsKind(dir: string): ResultsKind | null {
  if (!existsSync(join(dir, SUMMARY_FILE)) || !existsSync(join(dir, RESULTS_FILE))) return null;
  if (existsSync(join(dir, CONFIG_FILE))) return "run";
  if (existsSync(join(dir, EVALUATION_FILE))) return "eval";
  return null;
}

/** Reads the summary and configuration of a results directory (one `findResultsDirectories` returned). */
export function openResultsDirectory(path: string): ResultsDirectory {
  const dir = resolve(path);
  const kind = resultsKind(dir);
  if (kind === null) {
    throw new NotAResultsDirectoryError(`${path} is not a results directory: it needs ${SUMMARY_FILE}, ${RESULTS_FILE} and ${CONFIG_FILE} (cg run) or ${EVALUATION_FILE} (cg eval)`);
  }
  const summary = readJson<RunSummary | EvalSummary>(join(dir, SUMMARY_FILE));
  const config = kind === "run" ? readJson<SavedRunConfig>(join(dir, CONFIG_FILE)) : null;
  const tracePath = join(dir, TRACE_FILE);
  return {
    dir,
    kind,
    summary,
    config,
    resultsPath: join(dir, RESULTS_FILE),
    tracePath: kind === "run" && existsSync(tracePath) ? tracePath : null,
  };
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new InvalidResultsError(`${path} is not valid JSON (${(error as Error).message}); rerun the command that wrote it`);
  }
}
