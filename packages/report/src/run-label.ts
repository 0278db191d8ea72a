import { basename } from "node:path";
import type { ResultsDirectory } from "./results-directory";

/**
 * Short names for runs: strategy and model for a run, the directory name for an evaluation. Runs
 * of one dataset that would share a name are told apart by their sampling, else by run id.
 */
export function runLabels(directories: readonly ResultsDirectory[]): string[] {
  const base = directories.map((d) => (d.config === null ? basename(d.dir) : `${d.config.identity.strategy} · ${d.config.identity.model}`));
  return directories.map((directory, i) => {
    const clashes = directories.filter((other, j) => base[j] === base[i] && other.summary.dataset === directory.summary.dataset);
    if (clashes.length < 2 || directory.config === null) return clashes.length < 2 ? base[i]! : `${base[i]} (${directory.dir})`;
    const sampling = samplingName(directory);
    const samplingDiffers = clashes.some((other) => samplingName(other) !== sampling);
    return `${base[i]} (${samplingDiffers ? sampling : directory.config.run_id})`;
  });
}

function samplingName(directory: ResultsDirectory): string {
  const identity = directory.config?.identity;
  if (identity === undefined) return "";
  return `n=${identity.n}, T=${identity.sampling.temperature ?? "default"}`;
}
