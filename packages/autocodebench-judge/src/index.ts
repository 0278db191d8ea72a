export {
  AUTOCODEBENCH_DEFAULT_TIMEOUT_SECONDS,
  AUTOCODEBENCH_OUTCOMES,
  runAutoCodeBenchProgram,
  runAutoCodeBenchSolution,
  type AutoCodeBenchOutcome,
  type AutoCodeBenchRun,
  type AutoCodeBenchRunOptions,
} from "./run";
export { autoCodeBenchDefinition, autoCodeBenchLanguage, autoCodeBenchLanguages, autoCodeBenchProblemLanguage } from "./languages";
export { spliceAutoCodeBench } from "./splice";
export { UnknownAutoCodeBenchLanguageError } from "./errors";
