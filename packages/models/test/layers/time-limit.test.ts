import { describe, expect, it } from "vitest";
import { type ChatRequest, ModelRequestError, RequestCancelledError, wrapChatModel } from "../../src/index.js";
import { timeLimit } from "../../src/layers/time-limit.js";
import { memoryModel, reply, waitUnlessAborted } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];

/** Answers after `ms` unless the signal it was given fires first, like an HTTP client would. */
function answeringAfter(ms: number) {
  return memoryModel(async (request: ChatRequest) => {
    await waitUnlessAborted(ms, request.signal);
    return reply(request);
  });
}

describe("timeLimit", () => {
  it("passes an answer that comes in time", async () => {
    const model = wrapChatModel(answeringAfter(10), [timeLimit(1_000)]);
    await expect(model.chat({ messages })).resolves.toMatchObject({ choices: [{ text: "answer 0" }] });
  });

  it("cuts off a call without an answer in time, as a retryable timeout, and aborts it below", async () => {
    const base = answeringAfter(5_000);
    const started = Date.now();
    const error = await wrapChatModel(base, [timeLimit(100)])
      .chat({ messages })
      .catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ kind: "timeout", retryable: true, provider: "memory", providerMessage: "no response within 100 ms" });
    expect(base.requests[0]?.signal?.aborted).toBe(true);
  });

  it("keeps the caller's cancellation a cancellation, before or during the call", async () => {
    const base = answeringAfter(5_000);
    const model = wrapChatModel(base, [timeLimit(10_000)]);
    await expect(model.chat({ messages, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RequestCancelledError);
    expect(base.requests).toHaveLength(0);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 20);
    await expect(model.chat({ messages, signal: cancel.signal })).rejects.toBeInstanceOf(RequestCancelledError);
    expect(base.requests[0]?.signal?.aborted).toBe(true);
  });

  it("refuses a time limit that is not positive", () => {
    expect(() => timeLimit(0)).toThrow(RangeError);
  });
});
