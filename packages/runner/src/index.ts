export {
  evaluateSamples,
  EVALUATION_FILE,
  RESULTS_FILE,
  SUMMARY_FILE,
  type EvaluateSamplesOptions,
  type EvaluationProgress,
} from "./evaluate-samples";
export { summarize, type EvalSummary, type SummaryContext } from "./summary";
export { ResultsLog } from "./results-log";
export { sampleKey, type SampleResult } from "./sample-result";
export { OutputDirectoryConflictError, UnknownTaskError } from "./errors";
export { writeFileAtomic } from "./atomic-write";
export { sha256File } from "./checksum";
