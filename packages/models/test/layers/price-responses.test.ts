import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, computeCostUsd, wrapChatModel } from "../../src/index.js";
import { priceResponses } from "../../src/layers/price-responses.js";
import { memoryModel, reply } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];
const usage = { promptTokens: 1_000, completionTokens: 200, cachedPromptTokens: 400 };

describe("priceResponses", () => {
  it("prices a fresh response from its usage, overrides first", async () => {
    const model = wrapChatModel(memoryModel((request) => reply(request, { usage })), [priceResponses({ "memory:m": { input: 2, output: 10, cachedInput: 1 } })]);
    const response = await model.chat({ messages });
    expect(response.costUsd).toBeCloseTo((600 * 2 + 400 * 1 + 200 * 10) / 1e6, 12);
  });

  it("uses the default table for a listed model, and null for a model without a price", async () => {
    const listed = memoryModel((request) => reply(request, { usage }));
    const gpt = wrapChatModel({ ...listed, spec: "openai:gpt-4o-mini", provider: "openai", model: "gpt-4o-mini" }, [priceResponses({})]);
    expect((await gpt.chat({ messages })).costUsd).toBeCloseTo(computeCostUsd(usage, DEFAULT_PRICES["openai:gpt-4o-mini"]!), 12);
    const unlisted = wrapChatModel(memoryModel((request) => reply(request, { usage, costUsd: 5 })), [priceResponses({})]);
    expect((await unlisted.chat({ messages })).costUsd).toBeNull();
  });

  it("leaves the cost of a cached response as it is", async () => {
    const model = wrapChatModel(memoryModel((request) => reply(request, { usage, cached: true, costUsd: 0 })), [priceResponses({ "memory:m": { input: 2, output: 10 } })]);
    expect((await model.chat({ messages })).costUsd).toBe(0);
  });
});
