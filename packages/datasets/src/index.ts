export type {
  Candidate,
  CompletionPrompt,
  Dataset,
  Language,
  LoadOptions,
  Problem,
  PublicTest,
  PublicTestReport,
  ScoreOptions,
  Verdict,
} from "./types";
export type { ExecutionStatus } from "@cg/executor";
export {
  DatasetFileError,
  DatasetOptionsError,
  JudgeUnavailableError,
  MalformedRecordError,
  ReferenceSolutionError,
  UnknownDatasetError,
  UnknownProblemError,
  UnknownSandboxLanguageError,
} from "./errors";
export { CACHE_DIR_ENV, DATA_DIR_ENV, cacheDirOf, defaultCacheDir, readDataFile, readDataText, type DataFile } from "./data-file";
export { parseJsonl } from "./jsonl";
export { runAssertTests } from "./public-tests";
export type { TestsProgram } from "./verdict";
export {
  HUMANEVAL_FILE,
  HUMANEVAL_PUBLIC_TESTS_FILE,
  HumanEvalDataset,
  humanEvalRecordSchema,
  loadHumanEvalExamples,
  type HumanEvalRecord,
} from "./humaneval";
export { HUMANEVAL_PLUS_FILE, MBPP_PLUS_FILE, HumanEvalPlusDataset, MbppPlusDataset } from "./evalplus";
export {
  EVALPLUS_MIN_TIME_LIMIT_SECONDS,
  EVALPLUS_PARTS,
  EVALPLUS_PART_TIMEOUT_CAP_SECONDS,
  EVALPLUS_TIME_LIMIT_FACTOR,
  partWallSeconds,
  testTimeLimits,
  type EvalPlusPart,
  type PartExpectations,
  type TaskExpectations,
} from "./evalplus-harness";
export { HUMANEVAL_ET_FILE, HumanEvalEtDataset } from "./humaneval-et";
export { MBPP_397_FILE, Mbpp397Dataset } from "./mbpp-397";
export { rawJsonMembers } from "./raw-json";
export {
  FILE_SEPARATOR,
  HUMANEVAL_STOP,
  MBPP_FEW_SHOT_STOP,
  MBPP_FEW_SHOT_TASK_IDS,
  humanEvalCompletionPrompt,
  mbppFewShotPrompt,
  type MbppShot,
} from "./completion-prompts";
export { MBPP_FILE, MBPP_SANITIZED_FILE, MBPP_SPLITS, MbppDataset, mbppPrompt, mbppTaskId, type MbppOptions, type MbppSplit } from "./mbpp";
export { readSamples, sampleRecordSchema, type Sample } from "./samples";
export { createDataset, datasets, listDatasets, type DatasetEntry } from "./registry";
export { datasetOptionsSchema, formatDatasetOptions, isCalendarDay, parseDatasetOptions, type DatasetOptionName, type DatasetOptions } from "./dataset-options";
export { APPS_SELECTED150_FILE, APPS_TEST_FILE, AppsDataset, appsPrompt } from "./apps";
export { LCB_RELEASES, LiveCodeBenchDataset, decodePrivateTests, lcbFiles, lcbPrompt, type LcbRelease, type LiveCodeBenchOptions } from "./livecodebench";
export { PickleFormatError } from "./pickled-string";
export { CodeContestsDataset, codeContestsFile, type CodeContestsSplit } from "./codecontests";
export { XCODEEVAL_PROBLEMS_FILE, XCODEEVAL_UNIT_TESTS_FILE, XCodeEvalDataset, xCodeEvalPrompt } from "./xcodeeval";
export { MULTIPLE_LANGUAGES, MultiplEDataset, multiplEFile, type MultiplEBenchmark } from "./multipl-e";
export {
  AUTOCODEBENCH_SYSTEM_PROMPT,
  AutoCodeBenchDataset,
  autoCodeBenchFile,
  autoCodeBenchPrompt,
  autoCodeBenchRecordSchema,
  wrapElixirModule,
  type AutoCodeBenchVariant,
} from "./autocodebench";
export {
  AUTOCODEBENCH_DEFAULT_TIMEOUT_SECONDS,
  AUTOCODEBENCH_OUTCOMES,
  autoCodeBenchDefinition,
  autoCodeBenchLanguage,
  autoCodeBenchLanguages,
  runAutoCodeBenchProgram,
  runAutoCodeBenchSolution,
  type AutoCodeBenchOutcome,
  type AutoCodeBenchRun,
  type AutoCodeBenchRunOptions,
} from "./autocodebench-sandbox";
export { spliceAutoCodeBench } from "./autocodebench-splice";
