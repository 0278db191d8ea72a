import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import type { CachedResponse, ResponseCache } from "../response-cache.js";
import type { ChatModel, ChatRequest, ChatResponse } from "../types.js";

/** The identity of a request: equal keys mean the same response will do. */
export type RequestKey = (request: ChatRequest) => string;

/**
 * Answers a request from the disk cache when it holds the request's key; otherwise asks the
 * model below and stores its answer, what it cost included, before returning it. Failures are
 * never stored.
 */
export function cacheResponses(cache: ResponseCache, keyOf: RequestKey): ChatModelLayer {
  return (inner) =>
    modelOver(inner, async (request) => {
      const key = keyOf(request);
      const hit = await cache.get(key);
      if (hit) return asCacheHit(fromStored(inner, hit));
      const response = await inner.chat(request);
      // Someone else's response is theirs to store, at its own cost.
      if (!response.cached) await cache.put(key, toStored(response), { provider: inner.provider, model: inner.model, sampleIndex: request.sampleIndex ?? 0 });
      return response;
    });
}

/** A response someone else paid for: the same text, at no cost to this call. */
export function asCacheHit(response: ChatResponse): ChatResponse {
  return { ...response, costUsd: response.costUsd === null ? null : 0, cached: true, attempts: 0 };
}

function toStored(response: ChatResponse): CachedResponse {
  return {
    choices: response.choices,
    usage: response.usage,
    costUsd: response.costUsd,
    latencyMs: response.latencyMs,
    ...(response.id ? { id: response.id } : {}),
  };
}

function fromStored(model: ChatModel, stored: CachedResponse): ChatResponse {
  return {
    choices: stored.choices,
    usage: stored.usage,
    costUsd: stored.costUsd,
    latencyMs: stored.latencyMs,
    provider: model.provider,
    model: model.model,
    ...(stored.id ? { id: stored.id } : {}),
    cached: false,
    attempts: 0,
  };
}
