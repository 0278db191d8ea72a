import { afterEach, describe, expect, it } from "vitest";
import { computeCostUsd, createChatModel } from "../src/index.js";
import { apportion } from "../src/sample-parts.js";
import { type LoopbackServer, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat, openAiError } from "./support/wire.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("apportion", () => {
  it("divides a whole number in proportion, adding up exactly", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(50, [10, 30, 10])).toEqual([10, 30, 10]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(0, [3, 5])).toEqual([0, 0]);
    expect(apportion(101, [1, 2, 3, 4]).reduce((a, b) => a + b)).toBe(101);
  });
});

describe("the samples of one request for several", () => {
  it("each carry their choice and a share of the usage, priced on its own, that add up to the request's", async () => {
    const texts = ["a".repeat(10), "b".repeat(30), "c".repeat(10)];
    server = await startLoopbackServer(
      inOrder([openAiError(500, "busy", "server_error")], (request) =>
        openAiChat(request, (i) => ({ content: texts[i]!, reasoning_content: i === 1 ? "think" : undefined }), { prompt: 20, completion: 55, cached: 8 }),
      ),
    );
    const price = { input: 1, output: 4, cachedInput: 0.5 };
    const model = createChatModel("vllm:m", { baseUrl: server.url, env: {}, cacheDir: false, prices: { "vllm:m": price }, retry: { maxRetries: 1, baseDelayMs: 1 } });
    const response = await model.chat({ messages: [{ role: "user", content: "x" }], params: { n: 3 } });
    expect(server.requests).toHaveLength(2);
    const parts = response.samples!;
    expect(parts.map((part) => part.choices)).toEqual(response.choices.map((choice) => [choice]));
    expect(parts.map((part) => part.usage)).toEqual([
      { promptTokens: 7, completionTokens: 10, reasoningTokens: 0, cachedPromptTokens: 3 },
      { promptTokens: 7, completionTokens: 35, reasoningTokens: 0, cachedPromptTokens: 3 },
      { promptTokens: 6, completionTokens: 10, reasoningTokens: 0, cachedPromptTokens: 2 },
    ]);
    expect(parts.map((part) => part.costUsd)).toEqual(parts.map((part) => computeCostUsd(part.usage, price)));
    expect(parts.reduce((sum, part) => sum + part.costUsd!, 0)).toBeCloseTo(response.costUsd!, 15);
    expect(parts.map((part) => part.attempts)).toEqual([2, 0, 0]);
    expect(response.attempts).toBe(2);
  });
});
