export type { ChatChoice, ChatMessage, ChatModel, ChatRequest, ChatResponse, ChatRole, Endpoint, SamplingParams, TokenUsage } from "./types.js";
export { type ModelOptions, DEFAULT_TIMEOUT_MS, createChatModel } from "./chat-model.js";
export { type ChatModelLayer, wrapChatModel } from "./chat-model-layer.js";
export type { RateBudget, RatePermit } from "./rate-budget.js";
export { mergeUsage } from "./layers/fan-out-samples.js";
export {
  CorruptCacheEntryError,
  InvalidBaseUrlError,
  InvalidModelSpecError,
  InvalidRequestError,
  MissingApiKeyError,
  MissingBaseUrlError,
  ModelError,
  ModelNotServedError,
  ModelRequestError,
  ModelServerUnavailableError,
  type RequestFailureKind,
  RequestCancelledError,
  RetriesExhaustedError,
  UnknownProviderError,
  UnsupportedParameterError,
} from "./errors.js";
export { type ModelSpec, parseModelSpec } from "./spec.js";
export { type ProviderSummary, getProvider, listProviders, providers } from "./registry.js";
export type { ProviderCall, ProviderClient, ProviderDefinition, ProviderResult, ProviderSettings } from "./provider.js";
export { type ModelPrice, DEFAULT_PRICES } from "./prices.js";
export { type PriceTable, computeCostUsd, findPrice } from "./cost.js";
export { type RetryOptions, type RetryOutcome, type RetryPolicy, DEFAULT_RETRY_POLICY, backoffDelayMs, withRetries } from "./retry.js";
export { type LimiterClock, type Permit, type RateLimits, DEFAULT_LIMITS, RequestLimiter, estimateTokens } from "./request-limiter.js";
export { type CacheKeyParts, type CachedResponse, ResponseCache, responseCacheKey } from "./response-cache.js";
export { chatMessageSchema, samplingParamsSchema, validateChatRequest } from "./params.js";
export { type SamplingKnob, SAMPLING_KNOBS, checkSamplingParams, supportedKnobs } from "./sampling-support.js";
export { baseUrlProblem, checkBaseUrl } from "./server-address.js";
export { SERVER_CHECK_TIMEOUT_MS, checkModelServer } from "./server-check.js";
export { type SplitText, splitThinking } from "./reasoning.js";
export { normalizeFinishReason } from "./finish-reason.js";
export { canonicalJson } from "./canonical-json.js";
