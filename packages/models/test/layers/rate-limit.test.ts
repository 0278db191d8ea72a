import { describe, expect, it } from "vitest";
import { ModelRequestError, RequestCancelledError, RequestLimiter, wrapChatModel } from "../../src/index.js";
import { rateLimit } from "../../src/layers/rate-limit.js";
import { LedgerBudget } from "../support/ledger-budget.js";
import { memoryModel, reply, waitUnlessAborted } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "12345678" }];

function tooMany(retryAfterMs?: number) {
  return new ModelRequestError({ provider: "memory", kind: "http", status: 429, providerMessage: "slow down", retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

describe("rateLimit", () => {
  it("takes a permit for each call's estimated tokens and releases it with the usage reported", async () => {
    const budget = new LedgerBudget();
    const model = wrapChatModel(memoryModel(), [rateLimit(budget, { holdOffMs: 50 })]);
    // Two tokens of prompt (8 characters) and 100 of output for each of 3 samples.
    await model.chat({ messages, params: { maxTokens: 100, n: 3 } });
    expect(budget.events).toEqual(["acquire 302", "release 25"]);
  });

  it("releases a failed call's permit without usage; a 429 first holds the budget off", async () => {
    const budget = new LedgerBudget();
    const failures = [tooMany(300), tooMany(), new ModelRequestError({ provider: "memory", kind: "http", status: 500, providerMessage: "oops", retryable: true })];
    const model = wrapChatModel(
      memoryModel((_request, index) => {
        throw failures[index];
      }),
      [rateLimit(budget, { holdOffMs: 50 })],
    );
    for (const expected of failures) await expect(model.chat({ messages })).rejects.toBe(expected);
    expect(budget.events).toEqual([
      "acquire 1026",
      "hold off 300",
      "release undefined",
      "acquire 1026",
      "hold off 50",
      "release undefined",
      "acquire 1026",
      "release undefined",
    ]);
  });

  it("lets through only what a limiter allows, and a call cancelled while waiting never goes below", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const base = memoryModel(async (request) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await waitUnlessAborted(60, request.signal);
      inFlight--;
      return reply(request);
    });
    const model = wrapChatModel(base, [rateLimit(new RequestLimiter({ concurrency: 2 }), { holdOffMs: 50 })]);
    const cancel = new AbortController();
    const calls = [0, 1, 2, 3].map((sampleIndex) => model.chat({ messages, sampleIndex }));
    const cancelled = model.chat({ messages, sampleIndex: 4, signal: cancel.signal });
    setTimeout(() => cancel.abort(), 20);
    await expect(cancelled).rejects.toBeInstanceOf(RequestCancelledError);
    await Promise.all(calls);
    expect(maxInFlight).toBe(2);
    expect(base.requests.map((request) => request.sampleIndex)).toEqual([0, 1, 2, 3]);
  });
});
