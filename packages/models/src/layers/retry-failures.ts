import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { type RetryPolicy, withRetries } from "../retry.js";

/**
 * Calls the model below again after a retryable failure (429, 5xx, timeout, dropped connection,
 * malformed body), with backoff or the server's Retry-After, up to `maxRetries` times; anything
 * else fails at once, and running out of retries fails with `RetriesExhaustedError`. Everything
 * below runs once per attempt; the response's `attempts` counts them.
 */
export function retryFailures(policy: RetryPolicy): ChatModelLayer {
  return (inner) =>
    modelOver(inner, async (request) => {
      const outcome = await withRetries(() => inner.chat(request), policy, request.signal ? { signal: request.signal } : {});
      const { value, attempts } = outcome;
      // A request's attempts are counted on its first sample's part.
      const samples = value.samples?.map((part, index) => ({ ...part, attempts: index === 0 ? attempts : 0 }));
      return { ...value, attempts, ...(samples ? { samples } : {}) };
    });
}
