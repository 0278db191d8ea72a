import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import type { CachedResponse, ResponseCache } from "../response-cache.js";
import { mapWithSamples, splitSamples } from "../sample-parts.js";
import type { ChatModel, ChatRequest, ChatResponse } from "../types.js";
import { mergeResponses } from "./fan-out-samples.js";

/** The identity of a request: equal keys mean the same response will do. */
export type RequestKey = (request: ChatRequest) => string;

/**
 * Answers a request from the disk cache when it holds the request's key; otherwise asks the
 * model below and stores its answer, what it cost included, before returning it. Failures are
 * never stored.
 *
 * A request for n samples is looked up and stored sample by sample, each under the key of the
 * single-sample request with its index, as if it had been asked for alone: the model below is
 * asked, in one request per unbroken run of indexes, only for the samples not on disk. So a rerun
 * with a larger n, or of a run that died half-way, pays only for the missing samples, whether
 * they were asked for together or one by one.
 */
export function cacheResponses(cache: ResponseCache, keyOf: RequestKey): ChatModelLayer {
  return (inner) => {
    /** Someone else's response is theirs to store, at its own cost. */
    const store = async (key: string, response: ChatResponse, sampleIndex: number): Promise<void> => {
      if (!response.cached) await cache.put(key, toStored(response), { provider: inner.provider, model: inner.model, sampleIndex });
    };

    const single = async (request: ChatRequest): Promise<ChatResponse> => {
      const key = keyOf(request);
      const hit = await cache.get(key);
      if (hit) return asCacheHit(fromStored(inner, hit));
      const response = await inner.chat(request);
      await store(key, response, request.sampleIndex ?? 0);
      return response;
    };

    const several = async (request: ChatRequest, n: number): Promise<ChatResponse> => {
      const first = request.sampleIndex ?? 0;
      const keys = Array.from({ length: n }, (_, offset) => keyOf(sampleRequest(request, first + offset)));
      const parts: (ChatResponse | undefined)[] = await Promise.all(
        keys.map(async (key) => {
          const hit = await cache.get(key);
          return hit ? asCacheHit(fromStored(inner, hit)) : undefined;
        }),
      );
      await Promise.all(
        missingRuns(parts).map(async ({ start, length }) => {
          const response = await inner.chat({ ...request, params: { ...request.params, n: length }, sampleIndex: first + start });
          const fresh = length === 1 ? [response] : (response.samples ?? splitSamples(response));
          await Promise.all(
            fresh.map(async (part, offset) => {
              parts[start + offset] = part;
              await store(keys[start + offset]!, part, first + start + offset);
            }),
          );
        }),
      );
      return mergeResponses(parts.map((part) => part!));
    };

    return modelOver(inner, (request) => {
      const n = request.params?.n ?? 1;
      return n === 1 ? single(request) : several(request, n);
    });
  };
}

/** The request for sample `sampleIndex` alone, whose key is that sample's cache entry. */
function sampleRequest(request: ChatRequest, sampleIndex: number): ChatRequest {
  return { ...request, params: { ...request.params, n: 1 }, sampleIndex };
}

/** The unbroken runs of missing entries, as offsets. */
function missingRuns(parts: readonly (ChatResponse | undefined)[]): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  parts.forEach((part, offset) => {
    if (part !== undefined) return;
    const last = runs.at(-1);
    if (last && last.start + last.length === offset) last.length++;
    else runs.push({ start: offset, length: 1 });
  });
  return runs;
}

/** A response someone else paid for: the same text, at no cost to this call. */
export function asCacheHit(response: ChatResponse): ChatResponse {
  return mapWithSamples(response, (part) => ({ ...part, costUsd: part.costUsd === null ? null : 0, cached: true, attempts: 0 }));
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
