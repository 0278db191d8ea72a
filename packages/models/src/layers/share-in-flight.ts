import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { RequestCancelledError } from "../errors.js";
import type { ChatRequest, ChatResponse } from "../types.js";
import { type RequestKey, asCacheHit } from "./cache-responses.js";

/**
 * Identical requests (equal keys) in flight at the same time share one call instead of paying
 * twice. Those that joined get its response as a cache hit; one whose leader was cancelled
 * makes the call itself, and one cancelled itself stops waiting while the leader goes on.
 */
export function shareInFlight(keyOf: RequestKey): ChatModelLayer {
  return (inner) => {
    const pending = new Map<string, Promise<ChatResponse>>();
    const chat = (request: ChatRequest): Promise<ChatResponse> => {
      const key = keyOf(request);
      const running = pending.get(key);
      if (running) {
        const joined = running.then(asCacheHit, (error: unknown) => (error instanceof RequestCancelledError ? chat(request) : Promise.reject(error)));
        return abortable(joined, request.signal);
      }
      const work = inner.chat(request).finally(() => pending.delete(key));
      pending.set(key, work);
      return work;
    };
    return modelOver(inner, chat);
  };
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
