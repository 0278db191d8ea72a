import type { RecheckProgress } from "./recheck-results";
import type { RunConfig } from "./run-config";
import type { RunProgress } from "./run-progress";
import type { RunSummary } from "./run-summary";

export interface RunStart {
  outDir: string;
  runId: string;
  /** Samples the run has in all. */
  total: number;
  /** Samples already finished by an earlier invocation, which are not redone. */
  resumed: number;
}

export interface RunHooks {
  /** Once the run directory is claimed, before any sample is generated. */
  onStart?: (start: RunStart) => void;
  /** After each sample is recorded. */
  onProgress?: (progress: RunProgress) => void;
  /** Before and after each verdict near the time limit is judged again, at the end of the run. */
  onRecheck?: (progress: RecheckProgress) => void;
  /** Told, in one line each, what the run repaired on the way (an incomplete last line cut off a log). */
  onWarning?: (message: string) => void;
}

/**
 * Carries out runs: generates every sample of dataset × strategy × model, scores it, and keeps
 * the results directory resumable, locked against other writers while the run writes it. The
 * local engine does it in this process; other engines (e.g. a job queue) implement the same
 * contract.
 */
export interface Engine {
  run(config: RunConfig, hooks?: RunHooks): Promise<RunSummary>;
  /** Releases what the engine holds (sandboxes, connections). */
  close(): Promise<void>;
}
