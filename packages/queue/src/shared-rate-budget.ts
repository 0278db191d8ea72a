import { parseModelSpec, RequestCancelledError, type RateBudget, type RatePermit } from "@cg/models";
import type { RunConfig } from "@cg/runner";
import type { Redis } from "ioredis";
import { RedisRateBudget } from "./redis-rate-budget";

/** The worker is closing: a request still waiting on the shared rate budget was given up before it was sent. */
export class RateBudgetWaitAbandonedError extends Error {
  override readonly name = "RateBudgetWaitAbandonedError";

  constructor() {
    super("stopped waiting for the shared rate budget because the worker is closing; the job goes back to the queue");
  }
}

/**
 * The rate budget every worker shares through Redis, as the innermost rate limit of a run's
 * model (`sharedBudget`), inside its retry loop, so that a provider's requests- and
 * tokens-per-minute limits hold across every worker. It counts requests sent:
 * - each request, a retry as much as a first attempt, takes one request and its estimated
 *   tokens right before it is sent, waiting until both buckets hold them;
 * - answered, its tokens are corrected to the usage the provider reported;
 * - failed (an error status, a timeout, a dropped connection), its tokens are given back, as no
 *   usage is known and a failed request bills none, but its request stays spent;
 * - a response from the cache, or one shared with an identical request in flight, sends nothing
 *   and takes nothing; nor does a request given up while waiting.
 */
export class SharedRateBudget implements RateBudget {
  /** `stopWaiting` gives up requests still waiting on the budget (with `RateBudgetWaitAbandonedError`); requests in flight go on. */
  constructor(
    private readonly budget: RedisRateBudget,
    private readonly stopWaiting?: AbortSignal,
  ) {}

  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<RatePermit> {
    const signals = [signal, this.stopWaiting].filter((s): s is AbortSignal => s !== undefined);
    try {
      await this.budget.acquire(estimatedTokens, signals.length > 0 ? AbortSignal.any(signals) : undefined);
    } catch (error) {
      if (signal?.aborted) throw new RequestCancelledError(signal.reason);
      if (this.stopWaiting?.aborted) throw new RateBudgetWaitAbandonedError();
      throw error;
    }
    return { release: (usedTokens) => this.budget.charge(0, (usedTokens ?? 0) - estimatedTokens) };
  }
}

/**
 * The budget all workers share for a run with per-minute limits (none without). The model's own
 * limiter still applies the limits within each process too, which never binds first: a process's
 * requests are a part of all requests.
 */
export function sharedBudgetOf(redis: Redis, config: RunConfig, stopWaiting: AbortSignal): SharedRateBudget | undefined {
  const { spec, baseUrl, limits } = config.model;
  if (limits?.requestsPerMinute === undefined && limits?.tokensPerMinute === undefined) return undefined;
  // Keyed by the spec as the model names itself, so that every way of writing it shares one budget.
  const { provider, model } = parseModelSpec(spec);
  return new SharedRateBudget(new RedisRateBudget(redis, { spec: `${provider}:${model}`, baseUrl }, limits), stopWaiting);
}
