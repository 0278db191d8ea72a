export type { Candidate, CompletionPrompt, Dataset, LoadOptions, Problem, PublicTest, PublicTestReport, ReferenceProblem, Sandbox, ScoreOptions, Suite, Verdict } from "./types";
// The reference harnesses' stop sequences, for checking what a base model is sent.
export { HUMANEVAL_STOP } from "./completion-prompts";
export type { ExecutionStatus } from "@cg/executor";
// Published files read like the datasets' (mirror, cache or download, sha256): the strategies' reference sources.
export { readDataText, type DataFile } from "./data-file";
export {
  DatasetFileError,
  DatasetOptionsError,
  MalformedRecordError,
  ReferenceSolutionError,
  UnknownDatasetError,
  UnknownProblemError,
} from "./errors";
export { createDataset, listDatasets } from "./registry";
export { datasetOptionsSchema, formatDatasetOptions, isCalendarDay, parseDatasetOptions, type DatasetOptions } from "./dataset-options";
export { readSamples, type Sample } from "./samples";
// Datasets whose constructors offer choices that the registry's names do not.
export { MbppDataset, type MbppOptions, type MbppSplit } from "./mbpp";
export { LiveCodeBenchDataset, type LcbRelease, type LiveCodeBenchOptions } from "./livecodebench";
export { CodeContestsDataset, type CodeContestsSplit } from "./codecontests";
export { XCodeEvalDataset } from "./xcodeeval";
