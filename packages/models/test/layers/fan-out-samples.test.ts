import { describe, expect, it } from "vitest";
import { mergeUsage, wrapChatModel } from "../../src/index.js";
import { fanOutSamples, mergeResponses } from "../../src/layers/fan-out-samples.js";
import { memoryModel, reply } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];

describe("fanOutSamples", () => {
  it("splits n samples into single-sample requests with consecutive sample indexes, merged in order", async () => {
    const base = memoryModel((request, index) => reply(request, { costUsd: 0.5, latencyMs: 10 * (index + 1), attempts: index + 1 }));
    const model = wrapChatModel(base, [fanOutSamples({ nativeSamples: false })]);
    const response = await model.chat({ messages, params: { n: 3, temperature: 1 }, sampleIndex: 5 });
    expect(base.requests.map((request) => [request.params, request.sampleIndex])).toEqual([
      [{ n: 1, temperature: 1 }, 5],
      [{ n: 1, temperature: 1 }, 6],
      [{ n: 1, temperature: 1 }, 7],
    ]);
    expect(response.choices.map((choice) => choice.text)).toEqual(["answer 5", "answer 6", "answer 7"]);
    expect(response).toMatchObject({ usage: { promptTokens: 30, completionTokens: 15 }, costUsd: 1.5, latencyMs: 30, attempts: 6, cached: false });
  });

  it("asks for all n in one request where the backend returns n, and names n = 1 when unset", async () => {
    const base = memoryModel();
    const model = wrapChatModel(base, [fanOutSamples({ nativeSamples: true })]);
    const response = await model.chat({ messages, params: { n: 4 }, sampleIndex: 2 });
    await model.chat({ messages, params: {} });
    expect(base.requests.map((request) => [request.params, request.sampleIndex])).toEqual([
      [{ n: 4 }, 2],
      [{ n: 1 }, 0],
    ]);
    expect(response.choices).toHaveLength(4);
  });

  it("fails with a sample's failure", async () => {
    const failure = new Error("sample 1 failed");
    const model = wrapChatModel(
      memoryModel((request) => {
        if (request.sampleIndex === 1) throw failure;
        return reply(request);
      }),
      [fanOutSamples({ nativeSamples: false })],
    );
    await expect(model.chat({ messages, params: { n: 3 } })).rejects.toBe(failure);
  });

  it("merges: a cost is null if any sample has no price, cached only if every sample was", () => {
    const request = { messages };
    const merged = mergeResponses([reply(request, { costUsd: 0, cached: true, attempts: 0 }), reply(request, { costUsd: null })]);
    expect(merged).toMatchObject({ costUsd: null, cached: false, attempts: 1 });
    expect(mergeResponses([reply(request, { costUsd: 0, cached: true }), reply(request, { costUsd: 0, cached: true })]).cached).toBe(true);
    expect(mergeUsage([{ promptTokens: 1, completionTokens: 2, reasoningTokens: 1 }, { promptTokens: 3, completionTokens: 4, cachedPromptTokens: 2 }])).toEqual({
      promptTokens: 4,
      completionTokens: 6,
      reasoningTokens: 1,
      cachedPromptTokens: 2,
    });
  });
});
