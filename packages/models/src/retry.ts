import { ModelRequestError, RetriesExhaustedError } from "./errors.js";
import { sleep } from "./sleep.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxRetries: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 });

/**
 * Exponential backoff with "equal jitter": half of each delay is fixed, half random, so clients
 * that failed together come back spread out rather than all at once.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** The server's Retry-After wins over our own schedule when it gives one. */
export function retryDelayMs(error: ModelRequestError, retry: number, policy: RetryPolicy, random?: () => number): number {
  return error.retryAfterMs ?? backoffDelayMs(retry, policy, random);
}

export interface RetryOptions {
  signal?: AbortSignal;
  random?: () => number;
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/**
 * Runs `operation` until it succeeds, retrying only errors marked retryable (429, 5xx,
 * timeouts, dropped connections, malformed bodies). Anything else is thrown at once.
 */
export async function withRetries<T>(operation: () => Promise<T>, policy: RetryPolicy, options: RetryOptions = {}): Promise<RetryOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await operation(), attempts: attempt };
    } catch (error) {
      if (!(error instanceof ModelRequestError) || !error.retryable) throw error;
      if (attempt > policy.maxRetries) throw new RetriesExhaustedError(attempt, error);
      await sleep(retryDelayMs(error, attempt - 1, policy, options.random), options.signal);
    }
  }
}
