export { MetricsInputError } from "./errors.js";
export { passAtK, passAtKKey, type PassAtKKey } from "./pass-at-k.js";
export {
  countSamples,
  countSamplesAsync,
  type ProblemCounts,
  type SampleResult,
} from "./counts.js";
export {
  aggregatePassAtK,
  DEFAULT_KS,
  type PassAtKByK,
  type PassAtKReport,
  type ProblemPassAtK,
} from "./aggregate.js";
export {
  bootstrapPassAt1,
  DEFAULT_BOOTSTRAP_ITERATIONS,
  DEFAULT_BOOTSTRAP_LEVEL,
  DEFAULT_BOOTSTRAP_SEED,
  type BootstrapOptions,
  type ConfidenceInterval,
} from "./bootstrap.js";
export { mcnemarExact, type McNemarResult } from "./mcnemar.js";
export { pairedBootstrapPassAt1, type PairedDifference } from "./paired-bootstrap.js";
export { paretoFront, type TradeOffPoint } from "./pareto.js";
export { createSeededRandom } from "./random.js";
