import { estimateTokens, RequestCancelledError, RetriesExhaustedError, type ChatModel, type ChatRequest, type ChatResponse } from "@cg/models";
import type { RedisRateBudget } from "./redis-rate-budget";

/** The worker is closing: a call still waiting on the shared rate budget was given up before it was sent. */
export class RateBudgetWaitAbandonedError extends Error {
  override readonly name = "RateBudgetWaitAbandonedError";

  constructor() {
    super("stopped waiting for the shared rate budget because the worker is closing; the job goes back to the queue");
  }
}

/**
 * A chat model whose calls wait on a rate budget shared through Redis, so that a provider's
 * requests- and tokens-per-minute limits hold across every worker. Each call takes one request
 * and its estimated tokens before it starts, then settles with what it used:
 * - a response: tokens corrected to the reported usage; retries inside the call, made without
 *   waiting, are charged as extra requests;
 * - a cache hit (no provider call): the request and tokens are given back;
 * - a failure: the tokens are given back (no usage is known, and a failed request bills none);
 *   the requests stay spent, as the provider saw them.
 */
export class GloballyLimitedChatModel implements ChatModel {
  readonly spec: string;
  readonly provider: string;
  readonly model: string;

  /** `stopWaiting` gives up calls still waiting on the budget (with `RateBudgetWaitAbandonedError`); calls in flight go on. */
  constructor(
    private readonly inner: ChatModel,
    private readonly budget: RedisRateBudget,
    private readonly stopWaiting?: AbortSignal,
  ) {
    this.spec = inner.spec;
    this.provider = inner.provider;
    this.model = inner.model;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const estimate = estimateTokens(request.messages, request.params?.maxTokens, request.params?.n ?? 1);
    await this.waitForBudget(estimate, request.signal);
    let response: ChatResponse;
    try {
      response = await this.inner.chat(request);
    } catch (error) {
      await this.budget.charge(error instanceof RetriesExhaustedError ? error.attempts - 1 : 0, -estimate);
      throw error;
    }
    // `attempts` is 0 for a cache hit, which gives its request back, and counts retries.
    const used = response.cached ? 0 : response.usage.promptTokens + response.usage.completionTokens;
    await this.budget.charge(response.attempts - 1, used - estimate);
    return response;
  }

  private async waitForBudget(estimate: number, signal: AbortSignal | undefined): Promise<void> {
    const signals = [signal, this.stopWaiting].filter((s): s is AbortSignal => s !== undefined);
    try {
      await this.budget.acquire(estimate, signals.length > 0 ? AbortSignal.any(signals) : undefined);
    } catch (error) {
      if (signal?.aborted) throw new RequestCancelledError(signal.reason);
      if (this.stopWaiting?.aborted) throw new RateBudgetWaitAbandonedError();
      throw error;
    }
  }
}
