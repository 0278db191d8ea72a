import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Candidate, Dataset, DatasetOptions, LoadOptions, Problem, Sample, Sandbox, Suite } from "@cg/datasets";
import { formatDatasetOptions, readSamples } from "@cg/datasets";
import { DEFAULT_KS } from "@cg/metrics";
import { canonicalJson } from "@cg/models";
import { writeFileAtomic } from "./atomic-write";
import { sha256File } from "./checksum";
import { OutputDirectoryConflictError, UnknownTaskError } from "./errors";
import { jsonlRecords } from "./jsonl-lines";
import { needsRecheck } from "./recheck";
import { recheckResults, type RecheckProgress } from "./recheck-results";
import { ResultsLog } from "./results-log";
import { RunDirectoryLock } from "./run-directory-lock";
import { resultLineCheck, sampleKey, sampleResultSchema, verdictFields, verdictKey, type SampleResult } from "./sample-result";
import { summarizeStability } from "./stability";
import { summarize, type EvalSummary } from "./summary";

export interface EvaluationProgress {
  total: number;
  /** Samples with a verdict, including those found from an earlier run. */
  done: number;
  passed: number;
  /** Verdicts taken from an earlier run of the same evaluation. */
  resumed: number;
  elapsedSeconds: number;
}

export interface EvaluateSamplesOptions {
  dataset: Dataset;
  /**
   * The options `dataset` was created with (e.g. a contest-date window), recorded in the output
   * directory and the summary. When given, samples of problems the options left out are skipped
   * and counted, not refused: a samples file for a whole benchmark can be scored on a window.
   */
  datasetOptions?: DatasetOptions;
  samplesPath: string;
  outDir: string;
  /** Runs the programs: an ExecutionPool from @cg/executor. */
  executor: Sandbox;
  ks?: readonly number[];
  timeoutSeconds?: number;
  /** Samples scored at once; keep at or above the executor's parallelism. */
  concurrency?: number;
  /**
   * Judge every verdict near the time limit once more, alone, at the end (see recheck.ts);
   * default true. Verdicts judged again by an earlier invocation are never judged a third time.
   */
  recheck?: boolean;
  /**
   * Judge each sample this many times (default 1), and report how the verdicts and pass@k varied
   * (`stability`). The top-level numbers are those of the first judging.
   */
  repeat?: number;
  /** Told how the rechecks at the end are going. */
  onRecheck?: (progress: RecheckProgress) => void;
  loadOptions?: LoadOptions;
  onProgress?: (progress: EvaluationProgress) => void;
  /** Told, in one line each, what the evaluation repaired on the way (an incomplete last line cut off). */
  onWarning?: (message: string) => void;
}

export const RESULTS_FILE = "results.jsonl";
export const SUMMARY_FILE = "summary.json";
export const EVALUATION_FILE = "evaluation.json";

interface EvaluationIdentity {
  dataset: string;
  /** Present only when options were given, so that directories made without them still match. */
  dataset_options?: DatasetOptions;
  samples_sha256: string;
  timeout_seconds: number;
  /** Present only above 1, so that directories made without repetitions still match. */
  repeat?: number;
}

/**
 * Scores a samples file against a dataset's hidden tests (`cg eval`), `repeat` times. Results are
 * appended as each sample finishes; rerunning on the same output directory scores only what is
 * missing. Verdicts near the time limit are then judged once more, alone (recheckResults). The
 * directory is locked while it is written: another process on it is refused.
 */
export async function evaluateSamples(options: EvaluateSamplesOptions): Promise<EvalSummary> {
  const { dataset, samplesPath, outDir } = options;
  const datasetOptions = options.datasetOptions !== undefined && Object.keys(options.datasetOptions).length > 0 ? options.datasetOptions : undefined;
  const started = Date.now();
  const [suite, samplesSha] = await Promise.all([dataset.load(options.loadOptions), sha256File(samplesPath)]);
  const byId = new Map(suite.problems.map((p) => [p.taskId, p]));
  const samples = await validateSamples(samplesPath, dataset.name, suite, byId, datasetOptions);

  const lock = RunDirectoryLock.acquire(outDir);
  try {
    return await scoreInto(options, { datasetOptions, started, suite, byId, samplesSha, samples });
  } finally {
    lock.release();
  }
}

/** What evaluateSamples has read before it takes the output directory. */
interface EvaluationInputs {
  datasetOptions: DatasetOptions | undefined;
  started: number;
  suite: Suite;
  byId: Map<string, Problem>;
  samplesSha: string;
  samples: SamplesCheck;
}

/** Scores the samples without a result into the locked output directory, judges again those near the limit, then writes the summary. */
async function scoreInto(options: EvaluateSamplesOptions, inputs: EvaluationInputs): Promise<EvalSummary> {
  const { dataset, samplesPath, outDir, executor } = options;
  const { datasetOptions, started, suite, byId, samplesSha, samples } = inputs;
  const timeoutSeconds = options.timeoutSeconds ?? dataset.defaultTimeoutSeconds;
  const repeat = options.repeat ?? 1;
  claimOutputDirectory(outDir, {
    dataset: dataset.name,
    ...(datasetOptions === undefined ? {} : { dataset_options: datasetOptions }),
    samples_sha256: samplesSha,
    timeout_seconds: timeoutSeconds,
    ...(repeat > 1 ? { repeat } : {}),
  });
  const resultsPath = join(outDir, RESULTS_FILE);
  const isPlanned = (taskId: string, sampleIndex: number, repetition: number) => repetition < repeat && samples.planned.has(sampleKey(taskId, sampleIndex));
  const scope = `one of the samples of ${samplesPath} this evaluation scores${repeat > 1 ? ` ${repeat} times` : ""}`;
  const log = ResultsLog.open<SampleResult>(resultsPath, { schema: sampleResultSchema, check: resultLineCheck(isPlanned, scope), onWarning: options.onWarning });
  const results = [...log.existing];
  const done = new Set(results.map((r) => verdictKey(r.task_id, r.sample_index, r.repeat)));
  const progress: EvaluationProgress = {
    total: samples.planned.size * repeat,
    done: results.length,
    passed: results.filter((r) => r.passed).length,
    resumed: results.length,
    elapsedSeconds: 0,
  };
  options.onProgress?.({ ...progress });

  const concurrency = Math.max(1, options.concurrency ?? 8);
  const inFlight = new Set<Promise<void>>();
  try {
    // Repetition by repetition, so that a stopped evaluation has its earlier repetitions whole.
    for (let repetition = 0; repetition < repeat; repetition++) {
      for await (const sample of readSamples(samplesPath, (raw) => suite.normalizeTaskId(raw))) {
        if (!byId.has(sample.taskId) || done.has(verdictKey(sample.taskId, sample.sampleIndex, repetition))) continue;
        const task = scoreSample(suite, byId.get(sample.taskId)!, sample, executor, timeoutSeconds).then((verdict) => {
          const result = { ...verdict, ...(repeat > 1 ? { repeat: repetition } : {}) };
          log.append(result);
          results.push(result);
          progress.done++;
          if (result.passed) progress.passed++;
          progress.elapsedSeconds = (Date.now() - started) / 1000;
          options.onProgress?.({ ...progress });
        });
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
    }
    await Promise.all(inFlight);
    log.sync();
  } finally {
    log.close();
  }

  const recheck = options.recheck ?? true;
  const candidates = recheck ? await candidatesNearLimit(options.samplesPath, suite, byId, results, timeoutSeconds) : new Map<string, Candidate>();
  await recheckResults<SampleResult>({
    resultsPath,
    timeoutSeconds,
    recheck,
    isPlanned,
    judge: async (line) => {
      const candidate = candidates.get(sampleKey(line.task_id, line.sample_index));
      if (candidate === undefined) throw new UnknownTaskError(`${samplesPath} no longer has task "${line.task_id}" sample ${line.sample_index}: it changed while it was scored; rerun the command`);
      return verdictFields(await suite.score(byId.get(line.task_id)!, candidate, executor, { timeoutSeconds }));
    },
    ...(options.onRecheck === undefined ? {} : { onProgress: options.onRecheck }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
  const judged: SampleResult[] = [];
  for await (const { record } of jsonlRecords<SampleResult>(resultsPath)) judged.push(record);

  const ks = options.ks ?? DEFAULT_KS;
  const problemOrder = suite.problems.map((p) => p.taskId);
  const summary = summarize(
    judged.filter((r) => (r.repeat ?? 0) === 0),
    {
      dataset: dataset.name,
      ...(datasetOptions === undefined ? {} : { datasetOptions }),
      datasetProblems: suite.problems.length,
      ks,
      checksums: {
        dataset: Object.fromEntries(dataset.files.map((f) => [`${f.source}/${f.file}`, f.sha256 ?? null])),
        samples: samplesSha,
      },
      timeoutSeconds,
      scoringSeconds: (Date.now() - started) / 1000,
      problemOrder,
    },
  );
  if (datasetOptions !== undefined) summary.samples_outside_selection = samples.outsideSelection;
  if (repeat > 1) summary.stability = summarizeStability(judged, repeat, ks, problemOrder);
  writeFileAtomic(join(outDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** The code of the samples with a verdict near the time limit, read back from the samples file (results keep verdicts only). */
async function candidatesNearLimit(
  samplesPath: string,
  suite: Suite,
  byId: ReadonlyMap<string, Problem>,
  results: readonly SampleResult[],
  timeoutSeconds: number,
): Promise<Map<string, Candidate>> {
  const wanted = new Set(results.filter((r) => needsRecheck(r, timeoutSeconds)).map((r) => sampleKey(r.task_id, r.sample_index)));
  const candidates = new Map<string, Candidate>();
  if (wanted.size === 0) return candidates;
  for await (const sample of readSamples(samplesPath, (raw) => suite.normalizeTaskId(raw))) {
    const key = sampleKey(sample.taskId, sample.sampleIndex);
    if (byId.has(sample.taskId) && wanted.has(key)) candidates.set(key, sample.candidate);
  }
  return candidates;
}

async function scoreSample(suite: Suite, problem: Problem, sample: Sample, sandbox: Sandbox, timeoutSeconds: number): Promise<SampleResult> {
  const verdict = await suite.score(problem, sample.candidate, sandbox, { timeoutSeconds });
  return { task_id: sample.taskId, sample_index: sample.sampleIndex, ...verdictFields(verdict) };
}

interface SamplesCheck {
  /** Keys (`sampleKey`) of the samples to score. */
  planned: Set<string>;
  /** Samples of problems the dataset's options left out. */
  outsideSelection: number;
}

/**
 * Reads the samples once before any scoring, so a bad file fails fast. Samples of problems not
 * loaded are refused, unless the dataset was narrowed by options: then they are counted apart.
 */
async function validateSamples(
  path: string,
  dataset: string,
  suite: Suite,
  problems: Map<string, Problem>,
  narrowedBy: DatasetOptions | undefined,
): Promise<SamplesCheck> {
  const planned = new Set<string>();
  let outsideSelection = 0;
  for await (const sample of readSamples(path, (raw) => suite.normalizeTaskId(raw))) {
    if (problems.has(sample.taskId)) planned.add(sampleKey(sample.taskId, sample.sampleIndex));
    else if (narrowedBy) outsideSelection++;
    else throw new UnknownTaskError(`${path}:${sample.line}: task "${sample.taskId}" is not in the ${dataset} dataset; check --dataset`);
  }
  if (planned.size === 0 && outsideSelection > 0) {
    throw new UnknownTaskError(
      `none of the ${outsideSelection} samples in ${path} is of a problem of ${dataset} with ${formatDatasetOptions(narrowedBy!)}; ` +
        `check the dataset's options (--since, --until) and --dataset`,
    );
  }
  return { planned, outsideSelection };
}

function claimOutputDirectory(outDir: string, identity: EvaluationIdentity): void {
  const path = join(outDir, EVALUATION_FILE);
  if (existsSync(path)) {
    const previous = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    const now = identity as unknown as Record<string, unknown>;
    // Keys of both: options the directory was scored with and this evaluation lacks are a difference too.
    const keys = [...new Set([...Object.keys(now), ...Object.keys(previous)])];
    const differs = keys.filter((key) => canonicalJson(previous[key]) !== canonicalJson(now[key]));
    if (differs.length > 0) {
      throw new OutputDirectoryConflictError(
        `${outDir} holds results of a different evaluation (${differs.join(", ")} differ); ` +
          `pass another --out, or delete the directory to start over`,
      );
    }
    return;
  }
  writeFileAtomic(path, `${JSON.stringify(identity, null, 2)}\n`);
}
