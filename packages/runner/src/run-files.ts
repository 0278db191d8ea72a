import { join } from "node:path";
import type { Candidate } from "@cg/datasets";
import type { RunHooks } from "./engine";
import { recheckResults } from "./recheck-results";
import { writeFileAtomic } from "./atomic-write";
import { sha256File } from "./checksum";
import { RESULTS_FILE, SUMMARY_FILE } from "./evaluate-samples";
import { claimRunDirectory } from "./run-directory";
import { RunDirectoryLock } from "./run-directory-lock";
import type { RunPlan } from "./run-plan";
import { ProgressTally } from "./run-progress";
import { summarizeRun, type RunSummary } from "./run-summary";
import { ResultsLog } from "./results-log";
import { generatedSampleResultSchema, MODEL_ERROR, resultLineCheck, sampleKey, type GeneratedSampleResult, type VerdictFields } from "./sample-result";
import { exportSamples, SAMPLES_FILE } from "./samples-export";
import { formatSummaryTable } from "./summary-table";
import { TRACE_FILE, TraceLog } from "./trace-log";

export const SUMMARY_TEXT_FILE = "summary.txt";

/** The lock and open logs of a run directory, and what it already holds. */
export interface OpenRun {
  /** Held from before anything is written until the summary is; release it last. */
  lock: RunDirectoryLock;
  results: ResultsLog<GeneratedSampleResult>;
  trace: TraceLog;
  tally: ProgressTally;
  /** Keys (`sampleKey`) of the samples with a kept result line. */
  finished: Set<string>;
}

/**
 * Locks and claims the run directory and reopens its logs for appending, refusing lines it
 * cannot trust (see ResultsLog). Model errors are dropped, so that those samples are generated
 * again, as are the trace lines of samples without a kept result.
 */
export async function openRunFiles(plan: RunPlan, onWarning?: (message: string) => void): Promise<OpenRun> {
  const lock = RunDirectoryLock.acquire(plan.outDir);
  try {
    claimRunDirectory(plan.outDir, plan.identity, plan.config);
    const isPlanned = runSamples(plan);
    const tally = new ProgressTally(plan.identity.problems, plan.config.n);
    const finished = new Set<string>();
    const results = await ResultsLog.resume<GeneratedSampleResult>(
      join(plan.outDir, RESULTS_FILE),
      { schema: generatedSampleResultSchema, check: resultLineCheck(isPlanned, "part of this run (see config.json)"), onWarning },
      (result) => {
        if (result.status === MODEL_ERROR) return false;
        finished.add(sampleKey(result.task_id, result.sample_index));
        tally.add(result, true);
        return true;
      },
    );
    try {
      const trace = await TraceLog.resume(join(plan.outDir, TRACE_FILE), { finished, isPlanned, onWarning });
      return { lock, results, trace, tally, finished };
    } catch (error) {
      results.close();
      throw error;
    }
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Whether a run has a sample; a run judges each sample once (repetition 0). */
function runSamples(plan: RunPlan): (taskId: string, sampleIndex: number, repeat?: number) => boolean {
  const problems = new Set(plan.identity.problems);
  return (taskId, sampleIndex, repeat = 0) => repeat === 0 && problems.has(taskId) && sampleIndex < plan.config.n;
}

/**
 * Once every sample is recorded and the logs are closed: judges once more, one at a time, the
 * verdicts near the time limit (unless the run's `recheck` is off), with `judge` scoring a
 * line's code the way the engine scores. See recheckResults.
 */
export async function recheckRun(plan: RunPlan, judge: (line: GeneratedSampleResult) => Promise<VerdictFields>, hooks: RunHooks): Promise<void> {
  await recheckResults<GeneratedSampleResult>({
    resultsPath: join(plan.outDir, RESULTS_FILE),
    timeoutSeconds: plan.timeoutSeconds,
    recheck: plan.config.recheck,
    isPlanned: runSamples(plan),
    judge,
    ...(hooks.onRecheck === undefined ? {} : { onProgress: hooks.onRecheck }),
    ...(hooks.onWarning === undefined ? {} : { onWarning: hooks.onWarning }),
  });
}

/** The candidate a results line of a run scored: its code, as the strategy gave it. */
export function lineCandidate(line: GeneratedSampleResult): Candidate {
  return { kind: line.candidate_kind ?? "solution", code: line.code ?? "" };
}

/** Writes samples.jsonl, summary.json and summary.txt from the finished results.jsonl. */
export async function writeRunSummary(plan: RunPlan, startedAt: number): Promise<RunSummary> {
  const { outDir } = plan;
  const samplesPath = join(outDir, SAMPLES_FILE);
  await exportSamples(join(outDir, RESULTS_FILE), samplesPath, plan.identity.problems);
  const summary = await summarizeRun(join(outDir, RESULTS_FILE), {
    runId: plan.runId,
    identity: plan.identity,
    ks: plan.ks,
    datasetChecksums: Object.fromEntries(plan.dataset.files.map((f) => [`${f.source}/${f.file}`, f.sha256 ?? null])),
    samplesSha256: await sha256File(samplesPath),
    wallSeconds: (Date.now() - startedAt) / 1000,
  });
  writeFileAtomic(join(outDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(join(outDir, SUMMARY_TEXT_FILE), `${formatSummaryTable(summary)}\n${summary.warnings.map((w) => `\nwarning: ${w}`).join("")}\n`);
  return summary;
}
