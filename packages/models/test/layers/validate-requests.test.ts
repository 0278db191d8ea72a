import { describe, expect, it } from "vitest";
import { type ChatRequest, InvalidRequestError, RequestCancelledError, wrapChatModel } from "../../src/index.js";
import { validateRequests } from "../../src/layers/validate-requests.js";
import { memoryModel } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];

describe("validateRequests", () => {
  it("passes on a whole request with its defaults filled in", async () => {
    const base = memoryModel();
    const model = wrapChatModel(base, [validateRequests()]);
    await model.chat({ messages });
    await model.chat({ messages, params: { temperature: 0.5 }, sampleIndex: 3 });
    expect(base.requests).toEqual([
      { messages, params: {}, sampleIndex: 0 },
      { messages, params: { temperature: 0.5 }, sampleIndex: 3 },
    ]);
  });

  it("rejects a request that is not valid, naming what is wrong, and sends nothing below", async () => {
    const base = memoryModel();
    const model = wrapChatModel(base, [validateRequests()]);
    await expect(model.chat({ messages: [] })).rejects.toThrow(/at least one message/);
    await expect(model.chat({ messages, params: { temprature: 1 } } as unknown as ChatRequest)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(model.chat({ messages, sampleIndex: -1 })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(base.requests).toHaveLength(0);
  });

  it("stops a request cancelled already, and passes the signal of a live one", async () => {
    const base = memoryModel();
    const model = wrapChatModel(base, [validateRequests()]);
    await expect(model.chat({ messages, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RequestCancelledError);
    expect(base.requests).toHaveLength(0);
    const live = new AbortController();
    await model.chat({ messages, signal: live.signal });
    expect(base.requests[0]?.signal).toBe(live.signal);
  });
});
