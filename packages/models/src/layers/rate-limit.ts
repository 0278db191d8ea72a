import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { ModelRequestError } from "../errors.js";
import type { RateBudget } from "../rate-budget.js";
import { estimateTokens } from "../request-limiter.js";

/**
 * Each call waits on `budget` for one request and its estimated tokens before it goes below,
 * and releases them when it is over, with the usage the provider reported (none when it failed).
 * A 429 holds the budget off for the server's Retry-After, else `holdOffMs`.
 */
export function rateLimit(budget: RateBudget, options: { holdOffMs: number }): ChatModelLayer {
  return (inner) =>
    modelOver(inner, async (request) => {
      const estimate = estimateTokens(request.messages, request.params?.maxTokens, request.params?.n ?? 1);
      const permit = await budget.acquire(estimate, request.signal);
      let usedTokens: number | undefined;
      try {
        const response = await inner.chat(request);
        usedTokens = response.usage.promptTokens + response.usage.completionTokens;
        return response;
      } catch (error) {
        // Before the permit is released, so that no waiting request slips into the same wall.
        if (error instanceof ModelRequestError && error.status === 429) budget.holdOff?.(error.retryAfterMs ?? options.holdOffMs);
        throw error;
      } finally {
        await permit.release(usedTokens);
      }
    });
}
