import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_PRICES,
  type ModelOptions,
  ModelRequestError,
  RequestCancelledError,
  RetriesExhaustedError,
  UnsupportedParameterError,
  computeCostUsd,
  createChatModel,
} from "../src/index.js";
import { type LoopbackServer, type ReceivedRequest, type Reply, type Responder, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat, openAiCompletion, openAiError, truncatedJson } from "./support/wire.js";

const fastRetry = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };
const messages = [
  { role: "system" as const, content: "You write Python." },
  { role: "user" as const, content: "Add two numbers." },
];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = (request: ReceivedRequest): Reply =>
  openAiChat(request, (i) => ({ content: `def add(a, b): return a + b  # ${i}` }), { prompt: 12, completion: 30, reasoning: 20, cached: 4 });

async function openaiModel(respond: Responder, options: ModelOptions = {}) {
  server = await startLoopbackServer(respond);
  return createChatModel("openai:gpt-4o-mini", {
    baseUrl: `${server.url}/v1`,
    apiKey: "sk-test",
    env: {},
    cacheDir: false,
    retry: fastRetry,
    ...options,
  });
}

describe("openai provider over the real SDK", () => {
  it("sends the chat request in OpenAI's format and parses text, usage and cost", async () => {
    const model = await openaiModel(ok);
    const response = await model.chat({
      messages,
      params: { temperature: 0.2, topP: 0.9, maxTokens: 256, stop: ["\n\n\n"], seed: 7, reasoningEffort: "low" },
    });

    const [request] = server!.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.body).toEqual({
      model: "gpt-4o-mini",
      messages,
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 256,
      stop: ["\n\n\n"],
      seed: 7,
      reasoning_effort: "low",
    });
    expect(response.choices).toEqual([{ text: "def add(a, b): return a + b  # 0", finishReason: "stop" }]);
    expect(response.usage).toEqual({ promptTokens: 12, completionTokens: 30, reasoningTokens: 20, cachedPromptTokens: 4 });
    const price = DEFAULT_PRICES["openai:gpt-4o-mini"]!;
    expect(response.costUsd).toBeCloseTo(computeCostUsd(response.usage, price), 12);
    expect(response.costUsd).toBeCloseTo((8 * 0.15 + 4 * 0.075 + 30 * 0.6) / 1e6, 12);
    expect(response).toMatchObject({ provider: "openai", model: "gpt-4o-mini", cached: false, attempts: 1 });
    expect(response.id).toMatch(/^chatcmpl-/);
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("asks for n samples in a single request and offsets the seed by the sample index", async () => {
    const model = await openaiModel(ok);
    const response = await model.chat({ messages, params: { n: 3, seed: 10 }, sampleIndex: 2 });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]?.body).toMatchObject({ n: 3, seed: 12 });
    expect(response.choices.map((choice) => choice.text)).toEqual([0, 1, 2].map((i) => `def add(a, b): return a + b  # ${i}`));
  });

  it("waits as long as retry-after-ms says after a 429, then succeeds", async () => {
    const model = await openaiModel(inOrder([openAiError(429, "Rate limit reached for gpt-4o-mini", "requests", { "retry-after-ms": "250" })], ok));
    const response = await model.chat({ messages });
    const [first, second] = server!.requests;
    expect(server!.requests).toHaveLength(2);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(240);
    expect(response.attempts).toBe(2);
  });

  it("retries a 500, a dropped connection and a truncated body", async () => {
    const model = await openaiModel(inOrder([openAiError(500, "The server had an error", "server_error"), { drop: true }, truncatedJson], ok));
    const response = await model.chat({ messages });
    expect(server!.requests).toHaveLength(4);
    expect(response.attempts).toBe(4);
    expect(response.choices[0]?.text).toContain("def add");
  });

  it("fails at once on a bad key, with the provider's message", async () => {
    const model = await openaiModel(() => openAiError(401, "Incorrect API key provided: sk-test.", "invalid_request_error"));
    const error = await model.chat({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ status: 401, retryable: false, providerMessage: "Incorrect API key provided: sk-test." });
    expect(server!.requests).toHaveLength(1);
  });

  it("gives up after maxRetries on a server that keeps failing", async () => {
    const model = await openaiModel(() => openAiError(503, "Service unavailable", "server_error"));
    const error = await model.chat({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(4);
    expect((error as RetriesExhaustedError).lastError.status).toBe(503);
    expect(server!.requests).toHaveLength(4);
  });

  it("times out a slow response and retries it", async () => {
    const model = await openaiModel((request, index) => (index === 0 ? { ...ok(request), delayMs: 2_000 } : ok(request)), { timeoutMs: 200 });
    const started = Date.now();
    const response = await model.chat({ messages });
    expect(response.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    const controller = new AbortController();
    // Aborted once the server holds the request, however long a busy machine took to send it.
    const model = await openaiModel((request) => {
      setTimeout(() => controller.abort(), 50);
      return { ...openAiChat(request, () => ({ content: "late" }), { prompt: 1, completion: 1 }), delayMs: 5_000 };
    });
    const started = Date.now();
    const error = await model.chat({ messages, signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestCancelledError);
    expect((error as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server!.requests).toHaveLength(1);
  });

  it("rejects vLLM-only sampling parameters before sending anything", async () => {
    const model = await openaiModel(ok);
    await expect(model.chat({ messages, params: { topK: 20 } })).rejects.toBeInstanceOf(UnsupportedParameterError);
    expect(server!.requests).toHaveLength(0);
  });

  it("uses the plain completions endpoint when asked", async () => {
    const model = await openaiModel((request) => openAiCompletion(request, () => "    return a + b", { prompt: 9, completion: 5 }), { completions: true });
    const response = await model.chat({ messages: [{ role: "user", content: "def add(a, b):\n" }], params: { maxTokens: 16 } });
    expect(server!.requests[0]?.path).toBe("/v1/completions");
    expect(server!.requests[0]?.body).toEqual({ model: "gpt-4o-mini", prompt: "def add(a, b):\n", max_tokens: 16 });
    expect(response.choices).toEqual([{ text: "    return a + b", finishReason: "length" }]);
  });
});
