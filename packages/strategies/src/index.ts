export type {
  DecisionEvent,
  ModelCallEvent,
  RunSampleTests,
  SampleTestEvent,
  SampleTestStatus,
  StepLabel,
  Strategy,
  StrategyContext,
  StrategyResult,
  TraceEvent,
} from "./types.js";
export {
  EmptyModelResponseError,
  EndpointNotSupportedError,
  InvalidStrategyOptionsError,
  NoCompletionPromptError,
  ReferenceSourceError,
  StrategyError,
  UnknownStrategyError,
} from "./errors.js";
export { type StrategySummary, checkStrategyEndpoint, createStrategy, getStrategy, listStrategies, strategies } from "./registry.js";
export { type DefinitionParts, type StrategyDefinition, defineStrategy } from "./definition.js";
export { type ExtractCodeOptions, definesFunction, extractCode } from "./code-extraction.js";
export { assembleCompletion } from "./completion.js";
export { candidateFromAnswer, candidateFromCode, programText } from "./candidate.js";
export { type AnswerShape, answerShape } from "./problem-text.js";
export { REPEATED_REQUEST_INDEX_STRIDE, StrategyRun, type TestOutcome } from "./strategy-run.js";
export { DirectStrategy } from "./strategies/direct.js";
export { VerbatimStrategy } from "./strategies/verbatim.js";
export { CotStrategy } from "./strategies/cot.js";
export { SelfPlanningStrategy } from "./strategies/self-planning.js";
export { type AnalogicalOptions, AnalogicalStrategy } from "./strategies/analogical.js";
export { type MapCoderOptions, MapCoderStrategy } from "./strategies/mapcoder/strategy.js";
export { type CodeSimOptions, CodeSimStrategy, codesimOptionsSchema } from "./strategies/codesim/strategy.js";
