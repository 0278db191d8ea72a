import { describe, expect, it } from "vitest";
import { InvalidRequestError, ModelRequestError, RequestCancelledError, RetriesExhaustedError, backoffDelayMs, withRetries } from "../src/index.js";
import { parseRetryAfter } from "../src/retry-after.js";

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

function failure(init: { status?: number; retryable: boolean; retryAfterMs?: number }) {
  return new ModelRequestError({ provider: "test", kind: "http", providerMessage: "failed", ...init });
}

describe("backoff", () => {
  it("doubles from the base, stays within [half, full] of each step and stops at the maximum", () => {
    expect(backoffDelayMs(0, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(0, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(400);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(800);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(1_000);
  });

  it("reads Retry-After as seconds, as an HTTP date, and retry-after-ms first", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }), now)).toBe(2_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }), now)).toBe(5_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "2", "retry-after-ms": "150" }), now)).toBe(150);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});

describe("withRetries", () => {
  it("retries retryable failures and reports the attempts", async () => {
    let calls = 0;
    const outcome = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw failure({ status: 503, retryable: true });
        return "done";
      },
      { ...policy, baseDelayMs: 1, maxDelayMs: 2 },
    );
    expect(outcome).toEqual({ value: "done", attempts: 3 });
  });

  it("waits the server's Retry-After rather than its own schedule", async () => {
    let calls = 0;
    const started = Date.now();
    await withRetries(
      async () => {
        if (calls++ === 0) throw failure({ status: 429, retryable: true, retryAfterMs: 120 });
        return "done";
      },
      { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it("throws a non-retryable failure at once", async () => {
    let calls = 0;
    const bad = failure({ status: 401, retryable: false });
    await expect(
      withRetries(async () => {
        calls++;
        throw bad;
      }, policy),
    ).rejects.toBe(bad);
    expect(calls).toBe(1);
  });

  it("does not retry errors that are not request failures", async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw new InvalidRequestError("bad input");
      }, policy),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toBe(1);
  });

  it("gives up after maxRetries with the last failure attached", async () => {
    let calls = 0;
    const error = await withRetries(
      async () => {
        calls++;
        throw failure({ status: 500 + calls, retryable: true });
      },
      { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(3);
    expect((error as RetriesExhaustedError).lastError.status).toBe(503);
  });

  it("stops waiting when cancelled during a backoff", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(
      withRetries(
        async () => {
          throw failure({ status: 503, retryable: true });
        },
        { maxRetries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
        { signal: controller.signal },
      ),
    ).rejects.toBeInstanceOf(RequestCancelledError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
