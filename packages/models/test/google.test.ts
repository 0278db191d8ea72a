import { afterEach, describe, expect, it } from "vitest";
import { MissingApiKeyError, type ModelOptions, ModelRequestError, createChatModel } from "../src/index.js";
import { type LoopbackServer, type Reply, type Responder, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { geminiError, geminiResponse, truncatedJson } from "./support/wire.js";

const fastRetry = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };
const messages = [
  { role: "system" as const, content: "Be terse." },
  { role: "user" as const, content: "Sum a list." },
  { role: "assistant" as const, content: "sum(xs)" },
  { role: "user" as const, content: "Without sum()." },
];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = (): Reply => geminiResponse([{ text: "total = 0" }], { prompt: 8, candidates: 4 });

async function geminiModel(respond: Responder, options: ModelOptions = {}) {
  server = await startLoopbackServer(respond);
  return createChatModel("google:gemini-2.5-flash", {
    baseUrl: server.url,
    env: { GEMINI_API_KEY: "gemini-key" },
    cacheDir: false,
    retry: fastRetry,
    ...options,
  });
}

describe("google provider over the real SDK", () => {
  it("sends generateContent with roles, system instruction and generation config", async () => {
    const model = await geminiModel(ok);
    await model.chat({ messages, params: { temperature: 0, maxTokens: 100, stop: ["END"], seed: 3, thinkingBudget: 512 } });
    const [request] = server!.requests;
    expect(request?.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(request?.headers["x-goog-api-key"]).toBe("gemini-key");
    expect(request?.body).toEqual({
      contents: [
        { role: "user", parts: [{ text: "Sum a list." }] },
        { role: "model", parts: [{ text: "sum(xs)" }] },
        { role: "user", parts: [{ text: "Without sum()." }] },
      ],
      systemInstruction: { role: "user", parts: [{ text: "Be terse." }] },
      generationConfig: {
        temperature: 0,
        maxOutputTokens: 100,
        stopSequences: ["END"],
        seed: 3,
        thinkingConfig: { thinkingBudget: 512, includeThoughts: true },
      },
    });
  });

  it("separates thought parts and counts thoughtsTokenCount as reasoning output", async () => {
    const model = await geminiModel(() =>
      geminiResponse([{ text: "Loop and add.", thought: true }, { text: "t = 0\nfor x in xs: t += x" }], { prompt: 40, candidates: 12, thoughts: 88, cached: 16 }, "MAX_TOKENS"),
    );
    const response = await model.chat({ messages });
    expect(response.choices).toEqual([{ text: "t = 0\nfor x in xs: t += x", reasoning: "Loop and add.", finishReason: "length" }]);
    expect(response.usage).toEqual({ promptTokens: 40, completionTokens: 100, reasoningTokens: 88, cachedPromptTokens: 16 });
    expect(response.costUsd).toBeCloseTo((24 * 0.3 + 16 * 0.075 + 100 * 2.5) / 1e6, 12);
    expect(response.id).toBe("resp-loopback");
  });

  it("accepts GOOGLE_API_KEY when GEMINI_API_KEY is not set", async () => {
    server = await startLoopbackServer(ok);
    const model = createChatModel("google:gemini-2.5-flash", { baseUrl: server.url, env: { GOOGLE_API_KEY: "google-key" }, cacheDir: false });
    await model.chat({ messages });
    expect(server.requests[0]?.headers["x-goog-api-key"]).toBe("google-key");
  });

  it("names both variables when no key is set", () => {
    expect(() => createChatModel("google:gemini-2.5-flash", { env: {} })).toThrow(MissingApiKeyError);
    expect(() => createChatModel("google:gemini-2.5-flash", { env: {} })).toThrow(/GEMINI_API_KEY.*GOOGLE_API_KEY/);
  });

  it("honours Retry-After in seconds on RESOURCE_EXHAUSTED", async () => {
    const model = await geminiModel(inOrder([geminiError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", { "retry-after": "1" })], ok));
    const response = await model.chat({ messages });
    const [first, second] = server!.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(990);
    expect(response.attempts).toBe(2);
  });

  it("retries a dropped connection and a truncated body", async () => {
    const model = await geminiModel(inOrder([{ drop: true }, truncatedJson], ok));
    const response = await model.chat({ messages });
    expect(server!.requests).toHaveLength(3);
    expect(response.choices[0]?.text).toBe("total = 0");
  });

  it("fails at once on a rejected key with Google's message", async () => {
    const model = await geminiModel(() => geminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."));
    const error = await model.chat({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ status: 400, retryable: false, providerMessage: "API key not valid. Please pass a valid API key." });
    expect(server!.requests).toHaveLength(1);
  });
});
