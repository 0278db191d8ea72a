import { RetriesExhaustedError, type ChatModel, type ChatRequest, type ChatResponse } from "@cg/models";

/**
 * A chat model that notes whether the provider has answered at least once, which tells a server
 * that cannot be reached at all from one that failed in the middle of a run, and how many
 * requests in a row have since given up on reaching it.
 */
export class ObservedChatModel implements ChatModel {
  readonly spec: string;
  readonly provider: string;
  readonly model: string;
  /** A response came over the network (not from the cache). */
  answered = false;
  /** Requests that exhausted their retries on connection failures since the last answer. */
  unreachableInARow = 0;

  constructor(private readonly inner: ChatModel) {
    this.spec = inner.spec;
    this.provider = inner.provider;
    this.model = inner.model;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    let response: ChatResponse;
    try {
      response = await this.inner.chat(request);
    } catch (error) {
      if (error instanceof RetriesExhaustedError && error.lastError.kind === "connection") this.unreachableInARow++;
      throw error;
    }
    if (!response.cached) {
      this.answered = true;
      this.unreachableInARow = 0;
    }
    return response;
  }
}
