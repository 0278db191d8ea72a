/**
 * What a rate-limit layer waits on before each request it lets through: a request and its
 * estimated tokens. A `RequestLimiter` is one (in this process); a budget shared by many
 * processes is another.
 */
export interface RateBudget {
  /**
   * Resolves once one more request of about `estimatedTokens` tokens may be sent. A signal
   * aborted while waiting rejects with `RequestCancelledError`, and nothing is taken then.
   */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<RatePermit>;
  /** The server answered 429: start nothing new for `ms`. */
  holdOff?(ms: number): void;
}

export interface RatePermit {
  /** The request is over: `usedTokens` is the usage the provider reported, undefined when it failed. */
  release(usedTokens?: number): void | Promise<void>;
}
