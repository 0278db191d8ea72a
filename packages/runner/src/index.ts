export {
  evaluateSamples,
  EVALUATION_FILE,
  RESULTS_FILE,
  SUMMARY_FILE,
  type EvaluateSamplesOptions,
  type EvaluationProgress,
} from "./evaluate-samples";
export { summarize, type EvalSummary, type SummaryContext } from "./summary";
export { summarizeStability, type FlippedSample, type PassAtKSpread, type ProblemStability, type Stability } from "./stability";
export { isFlaky, nearTimeLimit, needsRecheck, RECHECK_MARGIN, withRecheck } from "./recheck";
export { RECHECKS_FILE, recheckResults, type RecheckProgress, type RecheckRecord, type RecheckSetup } from "./recheck-results";
export { ResultsLog, type LogReading } from "./results-log";
export { LOCK_FILE, RunDirectoryLock } from "./run-directory-lock";
export {
  generatedSampleResultSchema,
  MODEL_ERROR,
  sampleKey,
  sampleResultSchema,
  verdictFields,
  verdictKey,
  type GeneratedSampleResult,
  type Recheck,
  type RecheckOutcome,
  type SampleResult,
  type VerdictFields,
} from "./sample-result";
export {
  DirectoryInUseError,
  InvalidLogLineError,
  ModelUnavailableError,
  OutputDirectoryConflictError,
  RunConfigError,
  UnknownTaskError,
} from "./errors";
export { writeFileAtomic } from "./atomic-write";
export { sha256File } from "./checksum";
export { formatSummaryTable } from "./summary-table";
export {
  DEFAULT_TEMPERATURE_MANY,
  DEFAULT_TEMPERATURE_SINGLE,
  expandSweep,
  loadSweepFile,
  modelSettingsSchema,
  parseRunConfig,
  runConfigSchema,
  sweepConfigSchema,
  type ModelSettings,
  type RunConfig,
  type RunConfigInput,
  type SweepConfig,
  type SweepConfigInput,
} from "./run-config";
export { claimRunDirectory, CONFIG_FILE, defaultRunDirectory, runId, type RunIdentity, type SavedRunConfig } from "./run-directory";
export { checkRunServer, planRun, type PlanOptions, type RunPlan } from "./run-plan";
export { SharedFirstCalls } from "./shared-first-calls";
export type { Engine, RunHooks, RunStart } from "./engine";
export { LocalEngine, type LocalEngineOptions } from "./local-engine";
export { lineCandidate, openRunFiles, recheckRun, SUMMARY_TEXT_FILE, writeRunSummary, type OpenRun } from "./run-files";
export { generateSample, modelErrorResult, runVerdict, scoredResult, type Generation, type GenerationSetup } from "./generate-sample";
export { observeReachability, type ObservedChatModel } from "./observed-model";
export { ProgressTally } from "./run-progress";
export { Slots } from "./slots";
export type { RunProgress } from "./run-progress";
export { summarizeRun, type RunSummary, type RunSummaryContext } from "./run-summary";
export { exportSamples, SAMPLES_FILE, type ExportedSample } from "./samples-export";
export { TRACE_FILE, TraceLog, type TraceLine, type TraceResume } from "./trace-log";
export { sampleTestRunner } from "./sample-tests";
export { classifyModelFailure, type ModelFailureContext } from "./model-failure";
