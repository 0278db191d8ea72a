import { ModelRequestError, RequestCancelledError } from "./errors.js";
import type { ProviderClient, ProviderResult } from "./provider.js";
import { splitSamples } from "./sample-parts.js";
import type { ChatModel, ChatResponse } from "./types.js";

/**
 * The bottom of a model stack: each call is one exchange with the provider through its client,
 * with no retry, limit or cache. The seed sent is `seed + sampleIndex`, so samples of one prompt
 * stay independent yet reproducible; a response must hold the `n` samples asked for, and one of
 * several samples carries each sample's part.
 */
export function providerChatModel(parts: { provider: string; model: string; client: ProviderClient }): ChatModel {
  const { provider, model, client } = parts;
  return {
    spec: `${provider}:${model}`,
    provider,
    model,
    async chat(request) {
      const params = request.params ?? {};
      const n = params.n ?? 1;
      const sampleIndex = request.sampleIndex ?? 0;
      const signal = request.signal ?? new AbortController().signal;
      const started = performance.now();
      let result: ProviderResult;
      try {
        result = await client.complete({
          messages: request.messages,
          params: { ...params, n, ...(params.seed === undefined ? {} : { seed: params.seed + sampleIndex }) },
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw new RequestCancelledError(signal.reason);
        throw error;
      }
      const latencyMs = Math.round(performance.now() - started);
      if (result.choices.length !== n) {
        throw new ModelRequestError({
          provider,
          kind: "malformed-response",
          providerMessage: `asked for ${n} samples, got ${result.choices.length}; if this server ignores "n", pass nativeSamples: false`,
          retryable: false,
        });
      }
      const response: ChatResponse = {
        choices: result.choices,
        usage: result.usage,
        costUsd: null,
        latencyMs,
        provider,
        model,
        ...(result.id ? { id: result.id } : {}),
        cached: false,
        attempts: 1,
      };
      return n > 1 ? { ...response, samples: splitSamples(response) } : response;
    },
  };
}
