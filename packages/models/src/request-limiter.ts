import { RequestCancelledError } from "./errors.js";
import type { RateBudget } from "./rate-budget.js";
import type { ChatMessage } from "./types.js";

export interface RateLimits {
  /** Requests in flight at once. */
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export const DEFAULT_LIMITS: Readonly<RateLimits> = Object.freeze({ concurrency: 16 });

/** Continuous refill, so a full minute's budget is never spent twice in one minute. */
class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until `amount` is available; an amount above capacity waits for a full bucket. */
  waitMs(amount: number, now: number): number {
    this.level = Math.min(this.capacity, this.level + (now - this.updatedAt) * this.refillPerMs);
    this.updatedAt = now;
    const missing = Math.min(amount, this.capacity) - this.level;
    return missing <= 0 ? 0 : Math.ceil(missing / this.refillPerMs);
  }

  /** Negative amounts refund. The level may go below zero: that debt delays later requests. */
  take(amount: number): void {
    this.level = Math.min(this.capacity, this.level - amount);
  }
}

export interface Permit {
  /** Frees the slot; `actualTokens` corrects the estimate taken from the tokens-per-minute budget. */
  release(actualTokens?: number): void;
}

interface Waiter {
  tokens: number;
  resolve: (permit: Permit) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface LimiterClock {
  now(): number;
}

/** First-come first-served gate enforcing concurrency, requests per minute and tokens per minute, in this process. */
export class RequestLimiter implements RateBudget {
  private readonly concurrency: number;
  private readonly requests: TokenBucket | undefined;
  private readonly tokens: TokenBucket | undefined;
  private readonly queue: Waiter[] = [];
  private active = 0;
  private pausedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private readonly clock: LimiterClock;

  /** `windowMs` is the length of a "minute"; shorter windows let tests run fast. */
  constructor(
    readonly limits: RateLimits,
    options: { windowMs?: number; clock?: LimiterClock } = {},
  ) {
    const windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? Date;
    const now = this.clock.now();
    this.concurrency = positiveOrInfinity(limits.concurrency, "concurrency");
    const rpm = positiveOrInfinity(limits.requestsPerMinute, "requestsPerMinute");
    const tpm = positiveOrInfinity(limits.tokensPerMinute, "tokensPerMinute");
    this.requests = Number.isFinite(rpm) ? new TokenBucket(rpm, rpm / windowMs, now) : undefined;
    this.tokens = Number.isFinite(tpm) ? new TokenBucket(tpm, tpm / windowMs, now) : undefined;
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(new RequestCancelledError(signal.reason));
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        tokens: estimatedTokens,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index !== -1) this.queue.splice(index, 1);
          reject(new RequestCancelledError(signal?.reason));
          this.pump();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Starts nothing new for `ms`: after a 429 the other queued requests would hit the same wall. */
  holdOff(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < this.concurrency) {
      const head = this.queue[0] as Waiter;
      const now = this.clock.now();
      const waitMs = Math.max(this.pausedUntil - now, this.requests?.waitMs(1, now) ?? 0, this.tokens?.waitMs(head.tokens, now) ?? 0);
      if (waitMs > 0) {
        this.wakeIn(waitMs);
        return;
      }
      this.queue.shift();
      head.signal?.removeEventListener("abort", head.onAbort);
      this.requests?.take(1);
      this.tokens?.take(head.tokens);
      this.active++;
      head.resolve(this.permitFor(head.tokens));
    }
  }

  private permitFor(estimatedTokens: number): Permit {
    let released = false;
    return {
      release: (actualTokens) => {
        if (released) return;
        released = true;
        this.active--;
        if (actualTokens !== undefined) this.tokens?.take(actualTokens - estimatedTokens);
        this.pump();
      },
    };
  }

  private wakeIn(ms: number): void {
    const dueAt = this.clock.now() + ms;
    if (this.timer !== undefined && this.timerDueAt <= dueAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, ms);
  }
}

function positiveOrInfinity(value: number | undefined, name: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!(value > 0)) throw new RangeError(`limits.${name} must be a positive number, got ${value}`);
  return value;
}

/** A rough count (four characters a token) used only to pace tokens per minute before the real count is known. */
export function estimateTokens(messages: ChatMessage[], maxTokens: number | undefined, samples: number): number {
  const promptChars = messages.reduce((sum, message) => sum + message.content.length, 0);
  return Math.ceil(promptChars / 4) + (maxTokens ?? 1_024) * samples;
}

const shared = new Map<string, RequestLimiter>();

/** Models of the same provider and server share one limiter, as they share the provider's quota. */
export function sharedLimiter(key: string, limits: RateLimits): RequestLimiter {
  const id = `${key}\u0000${JSON.stringify(limits)}`;
  let limiter = shared.get(id);
  if (!limiter) {
    limiter = new RequestLimiter(limits);
    shared.set(id, limiter);
  }
  return limiter;
}
