import { RetriesExhaustedError, type ChatModel, type ChatModelLayer, type ChatRequest } from "@cg/models";

/** A run's model, telling what its provider has done so far. */
export interface ObservedChatModel extends ChatModel {
  /** A response came over the network (not from the cache). */
  readonly answered: boolean;
  /** Requests that exhausted their retries on connection failures since the last answer. */
  readonly unreachableInARow: number;
}

/**
 * The outermost layer of a run's model: notes whether the provider has answered at least once,
 * which tells a server that cannot be reached at all from one that failed in the middle of a run,
 * and how many requests in a row have since given up on reaching it. It sits above the cache, so
 * that an answer from the cache is not taken for the provider's.
 */
export const observeReachability = ((inner: ChatModel): ObservedChatModel => {
  const observed = {
    spec: inner.spec,
    provider: inner.provider,
    model: inner.model,
    answered: false,
    unreachableInARow: 0,
    async chat(request: ChatRequest) {
      try {
        const response = await inner.chat(request);
        if (!response.cached) {
          observed.answered = true;
          observed.unreachableInARow = 0;
        }
        return response;
      } catch (error) {
        if (error instanceof RetriesExhaustedError && error.lastError.kind === "connection") observed.unreachableInARow++;
        throw error;
      }
    },
  };
  return observed;
}) satisfies ChatModelLayer;
