import { readSamples } from "@cg/datasets";
import type { GeneratedSampleResult, SampleResult, TraceLine } from "@cg/runner";
import { jsonlFile } from "./jsonl-file";
import type { ProblemDetail, SampleDetail, TraceEventView } from "./report-model";
import type { ResultsDirectory } from "./results-directory";

export interface RunDetailsOptions {
  /** An evaluation's samples file, the only place its code is kept. */
  samplesFile?: string;
  /** The run's task id for an id the samples file writes (the dataset's rule); the id as written by default. */
  normalizeTaskId?: (raw: string | number) => string;
  /** Called once per problem with all of its samples, code and trace. */
  emit: (taskId: string, detail: ProblemDetail) => Promise<void>;
}

/**
 * Streams a run's problems with their samples' code, verdicts and traces. The trace is read line
 * by line: a sample's lines are contiguous (the runner writes them together), so a problem is
 * handed on as soon as the trace has shown all of its samples, and only the problems whose
 * samples are still in the trace's window are held.
 */
export async function readRunDetails(directory: ResultsDirectory, options: RunDetailsOptions): Promise<void> {
  const byTask = new Map<string, SampleDetail[]>();
  for await (const result of jsonlFile<SampleResult | GeneratedSampleResult>(directory.resultsPath, () => undefined)) {
    // The first judging of a repeated evaluation, as in readRunOutcomes.
    if ((result.repeat ?? 0) > 0) continue;
    let samples = byTask.get(result.task_id);
    if (samples === undefined) {
      samples = [];
      byTask.set(result.task_id, samples);
    }
    samples.push(sampleDetail(result));
  }
  for (const samples of byTask.values()) samples.sort((a, b) => a.index - b.index);
  if (options.samplesFile !== undefined) await attachSamplesFile(byTask, options.samplesFile, options.normalizeTaskId ?? String);

  if (directory.tracePath !== null) {
    const unseen = new Map([...byTask].map(([taskId, samples]) => [taskId, new Set(samples.map((s) => s.index))]));
    let group: { taskId: string; index: number; events: TraceEventView[] } | undefined;
    const finishGroup = async () => {
      if (group === undefined) return;
      const { taskId, index, events } = group;
      // Lines of samples without a result (cut off by a kill) are not part of the run.
      const sample = byTask.get(taskId)?.find((s) => s.index === index);
      if (sample === undefined) return;
      sample.trace.push(...events);
      const waiting = unseen.get(taskId);
      waiting?.delete(index);
      if (waiting?.size === 0) {
        await options.emit(taskId, { samples: byTask.get(taskId) as SampleDetail[] });
        byTask.delete(taskId);
        unseen.delete(taskId);
      }
    };
    for await (const line of jsonlFile<TraceLine>(directory.tracePath, () => undefined)) {
      if (group === undefined || line.task_id !== group.taskId || line.sample_index !== group.index) {
        await finishGroup();
        group = { taskId: line.task_id, index: line.sample_index, events: [] };
      }
      const { task_id: _task, sample_index: _sample, ...event } = line;
      group.events.push(event as TraceEventView);
    }
    await finishGroup();
  }
  for (const [taskId, samples] of byTask) await options.emit(taskId, { samples });
}

function sampleDetail(result: SampleResult | GeneratedSampleResult): SampleDetail {
  const generated = "model_calls" in result ? result : null;
  return {
    index: result.sample_index,
    status: result.status,
    errorType: result.error_type,
    errorMessage: result.error_message,
    durationMs: result.duration_ms,
    kind: generated?.candidate_kind ?? null,
    code: generated?.code ?? null,
    publicTestsPassed: generated?.public_tests_passed ?? null,
    modelCalls: generated?.model_calls ?? null,
    sampleTestRuns: generated?.sample_test_runs ?? null,
    tokensIn: generated?.tokens_in ?? null,
    tokensOut: generated?.tokens_out ?? null,
    costUsd: generated?.cost_usd ?? null,
    latencyMs: generated?.latency_ms ?? null,
    generationMs: generated?.generation_ms ?? null,
    recheck: result.recheck ?? null,
    trace: [],
  };
}

/** Puts an evaluation's code, kept only in the samples file it scored, beside its verdicts. */
async function attachSamplesFile(byTask: Map<string, SampleDetail[]>, samplesFile: string, normalizeTaskId: (raw: string | number) => string): Promise<void> {
  for await (const sample of readSamples(samplesFile, normalizeTaskId)) {
    const detail = byTask.get(sample.taskId)?.[sample.sampleIndex];
    if (detail?.index !== sample.sampleIndex) continue;
    detail.kind = sample.candidate.kind;
    detail.code = sample.candidate.code;
  }
}
