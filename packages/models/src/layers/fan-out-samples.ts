import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { InvalidRequestError } from "../errors.js";
import type { ChatResponse, TokenUsage } from "../types.js";

/**
 * Turns a request for `n` samples into what the backend can serve: one request asking for all
 * of them where one request returns `n` (`nativeSamples`), else `n` single-sample requests, with
 * sample indexes `sampleIndex`, `sampleIndex + 1`, ..., merged into one response. Either way the
 * request passed on names its `n`, and the response to several samples carries each one's part.
 */
export function fanOutSamples(options: { nativeSamples: boolean }): ChatModelLayer {
  return (inner) =>
    modelOver(inner, async (request) => {
      const params = request.params ?? {};
      const n = params.n ?? 1;
      const sampleIndex = request.sampleIndex ?? 0;
      if (n === 1 || options.nativeSamples) return inner.chat({ ...request, params: { ...params, n }, sampleIndex });

      const settled = await Promise.allSettled(
        Array.from({ length: n }, (_, offset) => inner.chat({ ...request, params: { ...params, n: 1 }, sampleIndex: sampleIndex + offset })),
      );
      const responses: ChatResponse[] = [];
      for (const outcome of settled) {
        if (outcome.status === "rejected") throw outcome.reason;
        responses.push(outcome.value);
      }
      return mergeResponses(responses);
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

/**
 * The samples in order, each kept as its part (`samples`); usage, cost and attempts summed; the
 * slowest latency; cached only if every sample was.
 */
export function mergeResponses(responses: ChatResponse[]): ChatResponse {
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
    ...(responses.length > 1 ? { samples: responses } : {}),
  };
}
