import { join } from "node:path";
import { wrapChatModel } from "./chat-model-layer.js";
import type { PriceTable } from "./cost.js";
import { InvalidRequestError, MissingApiKeyError, MissingBaseUrlError } from "./errors.js";
import { type RequestKey, cacheResponses } from "./layers/cache-responses.js";
import { fanOutSamples } from "./layers/fan-out-samples.js";
import { priceResponses } from "./layers/price-responses.js";
import { rateLimit } from "./layers/rate-limit.js";
import { retryFailures } from "./layers/retry-failures.js";
import { shareInFlight } from "./layers/share-in-flight.js";
import { timeLimit } from "./layers/time-limit.js";
import { validateRequests } from "./layers/validate-requests.js";
import { providerChatModel } from "./provider-model.js";
import type { RateBudget } from "./rate-budget.js";
import { type RateLimits, type RequestLimiter, DEFAULT_LIMITS, sharedLimiter } from "./request-limiter.js";
import type { ProviderDefinition } from "./provider.js";
import { getProvider } from "./registry.js";
import { ResponseCache, responseCacheKey } from "./response-cache.js";
import { type RetryPolicy, DEFAULT_RETRY_POLICY } from "./retry.js";
import { checkBaseUrl } from "./server-address.js";
import { parseModelSpec } from "./spec.js";
import type { ChatModel } from "./types.js";

export interface ModelOptions {
  /** Server address; required for vllm and openai-compatible, optional elsewhere (proxies, gateways). */
  baseUrl?: string;
  /** Overrides the key read from the environment. */
  apiKey?: string;
  /** Where API keys, base URLs and CG_CACHE_DIR are read from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Client-side limits, shared by every model of the same provider and server with the same limits. */
  limits?: RateLimits;
  /** An explicit limiter, to share one budget between models however they are configured. */
  limiter?: RequestLimiter;
  /**
   * A further budget every request waits on after the limiter, right before it is sent, retries
   * included: e.g. one shared by many processes.
   */
  sharedBudget?: RateBudget;
  retry?: Partial<RetryPolicy>;
  /** Response cache directory; false disables it. Defaults to `$CG_CACHE_DIR/responses`, else `.cg-cache/responses`. */
  cacheDir?: string | false;
  /** Price overrides keyed by "provider:model", in USD per million tokens. */
  prices?: PriceTable;
  /** Per-attempt timeout; a timed-out attempt is retried. */
  timeoutMs?: number;
  /** Use the plain completions endpoint (base models; openai, vllm and openai-compatible only). */
  completions?: boolean;
  /** Whether one request returns n samples; overrides the provider's default (e.g. true for an SGLang server). */
  nativeSamples?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 600_000;

/** Above our own timeout so that ours, which is retried, fires first. */
const SDK_TIMEOUT_MARGIN_MS = 5_000;

function firstSet(env: Record<string, string | undefined>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** How a spec string and its options reach a server: the provider, and the key and address to use. */
export interface ModelConnection {
  definition: ProviderDefinition;
  provider: string;
  model: string;
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

/** Resolves the provider, key and address of `spec`, refusing a missing key, a missing address or one without its scheme. */
export function resolveModelConnection(spec: string, options: Pick<ModelOptions, "apiKey" | "baseUrl" | "env"> = {}): ModelConnection {
  const { provider: providerName, model } = parseModelSpec(spec);
  const definition = getProvider(providerName);
  const provider = definition.name;
  const env = options.env ?? process.env;
  const apiKey = options.apiKey ?? firstSet(env, definition.apiKeyEnv);
  if (definition.apiKeyRequired && !apiKey) throw new MissingApiKeyError(provider, definition.apiKeyEnv);
  const baseUrl = options.baseUrl ?? (definition.baseUrlEnv ? firstSet(env, [definition.baseUrlEnv]) : undefined);
  if (definition.baseUrlRequired && !baseUrl) throw new MissingBaseUrlError(provider, definition.baseUrlEnv);
  if (baseUrl !== undefined) checkBaseUrl(baseUrl);
  return { definition, provider, model, apiKey, baseUrl };
}

/**
 * A model from a spec string such as "openai:gpt-4o-mini" or "vllm:Qwen/Qwen3-8B": the provider's
 * client under the layers below, in this order. docs/models.md ("The model stack") says why each
 * layer sits where it does.
 */
export function createChatModel(spec: string, options: ModelOptions = {}): ChatModel {
  const { definition, provider, model, apiKey, baseUrl } = resolveModelConnection(spec, options);
  const env = options.env ?? process.env;
  const completions = options.completions ?? false;
  if (completions && definition.completionsParams === undefined) {
    throw new InvalidRequestError(`Provider "${provider}" has no plain completions endpoint; use its chat endpoint instead.`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);

  const client = definition.create({ provider, model, apiKey, baseUrl, sdkTimeoutMs: timeoutMs + SDK_TIMEOUT_MARGIN_MS, completions });
  const cacheDir = options.cacheDir === undefined ? join(env.CG_CACHE_DIR ?? ".cg-cache", "responses") : options.cacheDir;
  const cache = cacheDir === false ? undefined : new ResponseCache(cacheDir);
  const endpoint = completions ? "completions" : "chat";
  const keyOf: RequestKey = (request) =>
    responseCacheKey({ provider, model, endpoint, messages: request.messages, params: request.params ?? {}, sampleIndex: request.sampleIndex ?? 0 });
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = options.limiter ?? sharedLimiter(`${provider}|${baseUrl ?? ""}`, { ...DEFAULT_LIMITS, ...options.limits });
  // The shared budget first: it binds first anyway (a process's requests are a part of all
  // requests, under the same limits, so the limiter after it never waits on rate), and its wait is
  // the one a closing worker can give up.
  const budgets = options.sharedBudget ? [options.sharedBudget, limiter] : [limiter];

  return wrapChatModel(providerChatModel({ provider, model, client }), [
    validateRequests({ provider: definition, endpoint }),
    fanOutSamples({ nativeSamples: options.nativeSamples ?? definition.nativeSamples }),
    // Without a cache every call is its own, identical or not.
    ...(cache ? [shareInFlight(keyOf), cacheResponses(cache, keyOf)] : []),
    priceResponses(options.prices ?? {}),
    retryFailures(retry),
    ...budgets.map((budget) => rateLimit(budget, { holdOffMs: retry.baseDelayMs })),
    timeLimit(timeoutMs),
  ]);
}
