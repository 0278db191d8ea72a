import type { ChatModel, ChatRequest, ChatResponse } from "@cg/models";

/**
 * A chat model that notes whether the provider has answered at least once, which tells a server
 * that cannot be reached at all from one that failed in the middle of a run.
 */
export class ObservedChatModel implements ChatModel {
  readonly spec: string;
  readonly provider: string;
  readonly model: string;
  /** A response came over the network (not from the cache). */
  answered = false;

  constructor(private readonly inner: ChatModel) {
    this.spec = inner.spec;
    this.provider = inner.provider;
    this.model = inner.model;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const response = await this.inner.chat(request);
    if (!response.cached) this.answered = true;
    return response;
  }
}
