import { describe, expect, it } from "vitest";
import { InvalidRequestError, ModelRequestError, RequestCancelledError, RetriesExhaustedError, wrapChatModel } from "../../src/index.js";
import { retryFailures } from "../../src/layers/retry-failures.js";
import { memoryModel, reply } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];
const policy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 };

function failure(status: number, retryable: boolean) {
  return new ModelRequestError({ provider: "memory", kind: "http", status, providerMessage: `HTTP ${status}`, retryable });
}

describe("retryFailures", () => {
  it("calls the model below again after retryable failures and counts the attempts", async () => {
    const base = memoryModel((request, index) => {
      if (index < 2) throw failure(503, true);
      return reply(request);
    });
    const response = await wrapChatModel(base, [retryFailures(policy)]).chat({ messages });
    expect(base.requests).toHaveLength(3);
    expect(response.attempts).toBe(3);
  });

  it("fails at once on a failure that is not retryable, and on errors that are not request failures", async () => {
    const refused = memoryModel(() => {
      throw failure(401, false);
    });
    await expect(wrapChatModel(refused, [retryFailures(policy)]).chat({ messages })).rejects.toMatchObject({ status: 401 });
    expect(refused.requests).toHaveLength(1);
    const invalid = memoryModel(() => {
      throw new InvalidRequestError("bad");
    });
    await expect(wrapChatModel(invalid, [retryFailures(policy)]).chat({ messages })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(invalid.requests).toHaveLength(1);
  });

  it("gives up after maxRetries retries with the last failure", async () => {
    const base = memoryModel((_request, index) => {
      throw failure(500 + index, true);
    });
    const error = await wrapChatModel(base, [retryFailures({ ...policy, maxRetries: 2 })])
      .chat({ messages })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error).toMatchObject({ attempts: 3, lastError: { status: 502 } });
  });

  it("stops waiting for the next attempt when the caller cancels", async () => {
    const base = memoryModel(() => {
      throw failure(503, true);
    });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 20);
    const started = Date.now();
    await expect(wrapChatModel(base, [retryFailures({ maxRetries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 })]).chat({ messages, signal: cancel.signal })).rejects.toBeInstanceOf(
      RequestCancelledError,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(base.requests).toHaveLength(1);
  });
});
