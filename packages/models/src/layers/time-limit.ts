import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { ModelRequestError, RequestCancelledError } from "../errors.js";

/**
 * Bounds each call by `timeoutMs`: the model below gets a signal that fires then (or when the
 * caller's does), and a call cut off by it fails as a retryable timeout. The caller's own
 * cancellation stays a `RequestCancelledError`.
 */
export function timeLimit(timeoutMs: number): ChatModelLayer {
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  return (inner) =>
    modelOver(inner, async (request) => {
      const { signal } = request;
      if (signal?.aborted) throw new RequestCancelledError(signal.reason);
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        return await inner.chat({ ...request, signal: controller.signal });
      } catch (error) {
        if (signal?.aborted) throw new RequestCancelledError(signal.reason);
        if (timedOut) {
          throw new ModelRequestError({
            provider: inner.provider,
            kind: "timeout",
            providerMessage: `no response within ${timeoutMs} ms`,
            retryable: true,
            cause: error,
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
    });
}
