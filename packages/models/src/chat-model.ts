import { join } from "node:path";
import { type PriceTable, computeCostUsd, findPrice } from "./cost.js";
import { InvalidRequestError, MissingApiKeyError, MissingBaseUrlError, ModelRequestError, RequestCancelledError } from "./errors.js";
import { validateChatRequest } from "./params.js";
import type { ProviderCall, ProviderClient, ProviderDefinition, ProviderResult } from "./provider.js";
import { type RateLimits, type RequestLimiter, DEFAULT_LIMITS, estimateTokens, sharedLimiter } from "./rate-limit.js";
import { getProvider } from "./registry.js";
import { type CachedResponse, ResponseCache, responseCacheKey } from "./response-cache.js";
import { type RetryPolicy, DEFAULT_RETRY_POLICY, withRetries } from "./retry.js";
import { parseModelSpec } from "./spec.js";
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, SamplingParams, TokenUsage } from "./types.js";

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

/**
 * A model from a spec string such as "openai:gpt-4o-mini" or "vllm:Qwen/Qwen3-8B". Every call
 * goes through the response cache, then retries with backoff, then the provider's limiter.
 */
export function createChatModel(spec: string, options: ModelOptions = {}): ChatModel {
  const { provider: providerName, model } = parseModelSpec(spec);
  const definition = getProvider(providerName);
  const env = options.env ?? process.env;

  const apiKey = options.apiKey ?? firstSet(env, definition.apiKeyEnv);
  if (definition.apiKeyRequired && !apiKey) throw new MissingApiKeyError(definition.name, definition.apiKeyEnv);
  const baseUrl = options.baseUrl ?? (definition.baseUrlEnv ? firstSet(env, [definition.baseUrlEnv]) : undefined);
  if (definition.baseUrlRequired && !baseUrl) throw new MissingBaseUrlError(definition.name, definition.baseUrlEnv);
  const completions = options.completions ?? false;
  if (completions && !definition.supportsCompletions) {
    throw new InvalidRequestError(`Provider "${definition.name}" has no plain completions endpoint; use its chat endpoint instead.`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);

  const client = definition.create({
    provider: definition.name,
    model,
    apiKey,
    baseUrl,
    sdkTimeoutMs: timeoutMs + SDK_TIMEOUT_MARGIN_MS,
    completions,
  });
  const cacheDir = options.cacheDir === undefined ? join(env.CG_CACHE_DIR ?? ".cg-cache", "responses") : options.cacheDir;

  return new ResilientChatModel({
    spec: `${definition.name}:${model}`,
    definition,
    model,
    client,
    limiter: options.limiter ?? sharedLimiter(`${definition.name}|${baseUrl ?? ""}`, { ...DEFAULT_LIMITS, ...options.limits }),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    cache: cacheDir === false ? undefined : new ResponseCache(cacheDir),
    prices: options.prices ?? {},
    timeoutMs,
    endpoint: completions ? "completions" : "chat",
    nativeSamples: options.nativeSamples ?? definition.nativeSamples,
  });
}

interface ModelParts {
  spec: string;
  definition: ProviderDefinition;
  model: string;
  client: ProviderClient;
  limiter: RequestLimiter;
  retry: RetryPolicy;
  cache: ResponseCache | undefined;
  prices: PriceTable;
  timeoutMs: number;
  endpoint: "chat" | "completions";
  nativeSamples: boolean;
}

interface SampleGroup {
  messages: ChatMessage[];
  params: SamplingParams;
  n: number;
  sampleIndex: number;
  signal: AbortSignal | undefined;
}

class ResilientChatModel implements ChatModel {
  readonly spec: string;
  readonly provider: string;
  readonly model: string;
  /** Identical requests in flight share one HTTP call instead of paying twice. */
  private readonly pending = new Map<string, Promise<ChatResponse>>();

  constructor(private readonly parts: ModelParts) {
    this.spec = parts.spec;
    this.provider = parts.definition.name;
    this.model = parts.model;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const { messages, params, sampleIndex } = validateChatRequest({
      messages: request.messages,
      params: request.params,
      sampleIndex: request.sampleIndex,
    });
    const { signal } = request;
    if (signal?.aborted) throw new RequestCancelledError(signal.reason);
    const n = params.n ?? 1;
    if (n === 1 || this.parts.nativeSamples) return this.group({ messages, params: { ...params, n }, n, sampleIndex, signal });

    // One request per sample; each is cached on its own, so a restart keeps the finished ones.
    const settled = await Promise.allSettled(
      Array.from({ length: n }, (_, offset) =>
        this.group({ messages, params: { ...params, n: 1 }, n: 1, sampleIndex: sampleIndex + offset, signal }),
      ),
    );
    const responses: ChatResponse[] = [];
    for (const outcome of settled) {
      if (outcome.status === "rejected") throw outcome.reason;
      responses.push(outcome.value);
    }
    return mergeResponses(responses);
  }

  private group(group: SampleGroup): Promise<ChatResponse> {
    const { cache } = this.parts;
    if (!cache) return this.callProvider(group, undefined, undefined);
    const key = responseCacheKey({
      provider: this.provider,
      model: this.model,
      endpoint: this.parts.endpoint,
      messages: group.messages,
      params: group.params,
      sampleIndex: group.sampleIndex,
    });
    const running = this.pending.get(key);
    if (running) {
      // A follower whose leader was cancelled makes the call itself.
      const joined = running.then(asCacheHit, (error: unknown) => (error instanceof RequestCancelledError ? this.group(group) : Promise.reject(error)));
      return abortable(joined, group.signal);
    }
    const work = this.cachedOrFetched(group, cache, key).finally(() => this.pending.delete(key));
    this.pending.set(key, work);
    return work;
  }

  private async cachedOrFetched(group: SampleGroup, cache: ResponseCache, key: string): Promise<ChatResponse> {
    const hit = await cache.get(key);
    if (hit) return asCacheHit(this.response(hit, 0));
    return this.callProvider(group, cache, key);
  }

  private async callProvider(group: SampleGroup, cache: ResponseCache | undefined, key: string | undefined): Promise<ChatResponse> {
    const { limiter, retry } = this.parts;
    const estimate = estimateTokens(group.messages, group.params.maxTokens, group.n);
    const params = group.params.seed === undefined ? group.params : { ...group.params, seed: group.params.seed + group.sampleIndex };
    const outcome = await withRetries(
      async () => {
        const permit = await limiter.acquire(estimate, group.signal);
        let usedTokens: number | undefined;
        try {
          const started = performance.now();
          const result = await this.attempt({ messages: group.messages, params: { ...params, n: group.n } }, group.signal);
          usedTokens = result.usage.promptTokens + result.usage.completionTokens;
          return { result, latencyMs: performance.now() - started };
        } catch (error) {
          // Before the slot is released, so that no queued request slips into the same wall.
          if (error instanceof ModelRequestError && error.status === 429) limiter.holdOff(error.retryAfterMs ?? retry.baseDelayMs);
          throw error;
        } finally {
          permit.release(usedTokens);
        }
      },
      retry,
      group.signal ? { signal: group.signal } : {},
    );
    const { result, latencyMs } = outcome.value;
    if (result.choices.length !== group.n) {
      throw new ModelRequestError({
        provider: this.provider,
        kind: "malformed-response",
        providerMessage: `asked for ${group.n} samples, got ${result.choices.length}; if this server ignores "n", pass nativeSamples: false`,
        retryable: false,
      });
    }
    const price = findPrice(this.provider, this.model, this.parts.prices);
    const stored: CachedResponse = {
      choices: result.choices,
      usage: result.usage,
      costUsd: price ? computeCostUsd(result.usage, price) : null,
      latencyMs: Math.round(latencyMs),
      ...(result.id ? { id: result.id } : {}),
    };
    if (cache && key) await cache.put(key, stored, { provider: this.provider, model: this.model, sampleIndex: group.sampleIndex });
    return this.response(stored, outcome.attempts);
  }

  /** One HTTP exchange bounded by the timeout; tells the caller's cancellation from our timeout. */
  private async attempt(call: Omit<ProviderCall, "signal">, signal: AbortSignal | undefined): Promise<ProviderResult> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.parts.timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      return await this.parts.client.complete({ ...call, signal: controller.signal });
    } catch (error) {
      if (signal?.aborted) throw new RequestCancelledError(signal.reason);
      if (timedOut) {
        throw new ModelRequestError({
          provider: this.provider,
          kind: "timeout",
          providerMessage: `no response within ${this.parts.timeoutMs} ms`,
          retryable: true,
          cause: error,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  private response(stored: CachedResponse, attempts: number): ChatResponse {
    return {
      choices: stored.choices,
      usage: stored.usage,
      costUsd: stored.costUsd,
      latencyMs: stored.latencyMs,
      provider: this.provider,
      model: this.model,
      ...(stored.id ? { id: stored.id } : {}),
      cached: false,
      attempts,
    };
  }
}

/** A response someone else paid for: the same text, at no cost to this call. */
function asCacheHit(response: ChatResponse): ChatResponse {
  return { ...response, costUsd: response.costUsd === null ? null : 0, cached: true, attempts: 0 };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new RequestCancelledError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new RequestCancelledError(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function addOptional(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

export function mergeUsage(usages: TokenUsage[]): TokenUsage {
  let total: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  for (const usage of usages) {
    const reasoningTokens = addOptional(total.reasoningTokens, usage.reasoningTokens);
    const cachedPromptTokens = addOptional(total.cachedPromptTokens, usage.cachedPromptTokens);
    total = {
      promptTokens: total.promptTokens + usage.promptTokens,
      completionTokens: total.completionTokens + usage.completionTokens,
      ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
      ...(cachedPromptTokens === undefined ? {} : { cachedPromptTokens }),
    };
  }
  return total;
}

function mergeResponses(responses: ChatResponse[]): ChatResponse {
  const [first] = responses;
  if (!first) throw new InvalidRequestError("no samples to merge");
  const costs = responses.map((response) => response.costUsd);
  return {
    choices: responses.flatMap((response) => response.choices),
    usage: mergeUsage(responses.map((response) => response.usage)),
    costUsd: costs.some((cost) => cost === null) ? null : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
    latencyMs: Math.max(...responses.map((response) => response.latencyMs)),
    provider: first.provider,
    model: first.model,
    ...(first.id ? { id: first.id } : {}),
    cached: responses.every((response) => response.cached),
    attempts: responses.reduce((sum, response) => sum + response.attempts, 0),
  };
}
