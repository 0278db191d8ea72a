import { isFlaky, type GeneratedSampleResult, type SampleResult } from "@cg/runner";
import { InvalidResultsError } from "./errors";
import { jsonlFile } from "./jsonl-file";
import { outcomeOfStatus, RUNTIME_ERROR } from "./outcomes";
import type { ResultsDirectory } from "./results-directory";

/** What the report keeps of a run's results.jsonl: per problem, its samples' outcomes, calls and tokens. */
export interface RunOutcomes {
  /** The run's problems with results, in run order (an evaluation: order of first appearance). */
  taskIds: string[];
  outcomes: string[];
  calls: number[];
  tokens: number[];
  /** Exception type of each runtime error, in outcome order. */
  runtimeErrorTypes: string[];
  /** Per problem: samples whose verdict changed when judged again alone. */
  flaky: number[];
  /** Whether results.jsonl carries the code (a run's does; an evaluation's does not). */
  hasCode: boolean;
  warnings: string[];
}

type ResultLine = SampleResult | GeneratedSampleResult;

interface SlimSample {
  index: number;
  outcome: string;
  errorType: string | null;
  calls: number;
  tokens: number;
  flaky: boolean;
}

/**
 * Reads results.jsonl once, keeping a few numbers per sample and never the code. Problems come in
 * run order; an evaluation has none, so its problems follow `datasetPosition` (dataset order) when
 * given, else their first appearance. Of an evaluation judged several times (`--repeat`), the
 * first judging is shown, as its summary's figures are; the others are in its stability section.
 */
export async function readRunOutcomes(directory: ResultsDirectory, datasetPosition?: (taskId: string) => number | undefined): Promise<RunOutcomes> {
  const byTask = new Map<string, SlimSample[]>();
  const warnings: string[] = [];
  let hasCode = false;
  let line = 0;
  const onTornLine = (at: number) => warnings.push(`${directory.resultsPath}:${at} is an incomplete line (a killed writer) and is left out`);
  for await (const result of jsonlFile<ResultLine>(directory.resultsPath, onTornLine)) {
    line++;
    if ((result.repeat ?? 0) > 0) continue;
    const outcome = outcomeOfStatus(result.status);
    if (outcome === undefined) {
      throw new InvalidResultsError(`${directory.resultsPath}: sample ${line} has status "${result.status}", which this report does not know; is it from a newer cg?`);
    }
    const generated = "model_calls" in result ? result : null;
    if (generated?.code != null) hasCode = true;
    let samples = byTask.get(result.task_id);
    if (samples === undefined) {
      samples = [];
      byTask.set(result.task_id, samples);
    }
    samples.push({
      index: result.sample_index,
      outcome,
      errorType: outcome === RUNTIME_ERROR ? (result.error_type ?? "unknown") : null,
      calls: generated?.model_calls ?? 0,
      tokens: (generated?.tokens_in ?? 0) + (generated?.tokens_out ?? 0),
      flaky: isFlaky(result),
    });
  }
  const taskIds = problemOrder(directory, [...byTask.keys()], datasetPosition);
  const outcomes: string[] = [];
  const calls: number[] = [];
  const tokens: number[] = [];
  const runtimeErrorTypes: string[] = [];
  const flaky: number[] = [];
  for (const taskId of taskIds) {
    const samples = (byTask.get(taskId) as SlimSample[]).sort((a, b) => a.index - b.index);
    outcomes.push(samples.map((s) => s.outcome).join(""));
    calls.push(samples.reduce((sum, s) => sum + s.calls, 0));
    tokens.push(samples.reduce((sum, s) => sum + s.tokens, 0));
    flaky.push(samples.filter((s) => s.flaky).length);
    for (const s of samples) if (s.errorType !== null) runtimeErrorTypes.push(s.errorType);
  }
  return { taskIds, outcomes, calls, tokens, runtimeErrorTypes, flaky, hasCode, warnings };
}

function problemOrder(directory: ResultsDirectory, seen: string[], datasetPosition?: (taskId: string) => number | undefined): string[] {
  const runOrder = directory.config?.identity.problems;
  if (runOrder !== undefined) {
    const inRun = new Set(runOrder);
    const present = new Set(seen);
    return [...runOrder.filter((id) => present.has(id)), ...seen.filter((id) => !inRun.has(id))];
  }
  if (datasetPosition === undefined) return seen;
  const position = (id: string) => datasetPosition(id) ?? Infinity;
  return seen.map((id, first) => ({ id, first })).sort((a, b) => position(a.id) - position(b.id) || a.first - b.first).map((entry) => entry.id);
}
