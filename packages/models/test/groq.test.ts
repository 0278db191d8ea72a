import { afterEach, describe, expect, it } from "vitest";
import { type ModelOptions, createChatModel } from "../src/index.js";
import { type LoopbackServer, type ReceivedRequest, type Reply, type Responder, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat, openAiError } from "./support/wire.js";

const fastRetry = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };
const messages = [{ role: "user" as const, content: "Is 7 prime? Answer in code." }];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Groq's body: the OpenAI shape plus its own timing fields and `x_groq`. */
const ok = (request: ReceivedRequest): Reply => {
  const reply = openAiChat(request, () => ({ content: "print(all(7 % d for d in range(2, 7)))", reasoning: "Check divisors." }), { prompt: 18, completion: 40 }, {
    x_groq: { id: "req_loopback" },
  });
  const json = (reply as { json: { usage: Record<string, unknown> } }).json;
  json.usage = { ...json.usage, queue_time: 0.01, prompt_time: 0.002, completion_time: 0.05, total_time: 0.052 };
  return reply;
};

async function groqModel(respond: Responder, options: ModelOptions = {}) {
  server = await startLoopbackServer(respond);
  return createChatModel("groq:llama-3.3-70b-versatile", { baseUrl: server.url, env: { GROQ_API_KEY: "gsk-test" }, cacheDir: false, retry: fastRetry, ...options });
}

describe("groq provider over the real SDK", () => {
  it("posts to Groq's path and parses answer, reasoning, usage and cost", async () => {
    const model = await groqModel(ok);
    const response = await model.chat({ messages, params: { maxTokens: 64, temperature: 0.5 } });
    const [request] = server!.requests;
    expect(request?.path).toBe("/openai/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer gsk-test");
    expect(request?.body).toEqual({ model: "llama-3.3-70b-versatile", messages, max_completion_tokens: 64, temperature: 0.5 });
    expect(response.choices).toEqual([{ text: "print(all(7 % d for d in range(2, 7)))", reasoning: "Check divisors.", finishReason: "stop" }]);
    expect(response.usage.promptTokens).toBe(18);
    expect(response.usage.completionTokens).toBe(40);
    expect(response.costUsd).toBeCloseTo((18 * 0.59 + 40 * 0.79) / 1e6, 12);
  });

  it("fans n out, since Groq accepts only n = 1", async () => {
    const model = await groqModel(ok);
    const response = await model.chat({ messages, params: { n: 2 } });
    expect(server!.requests).toHaveLength(2);
    expect(server!.requests.every((request) => !("n" in (request.body as object)))).toBe(true);
    expect(response.choices).toHaveLength(2);
  });

  it("retries a 500 and a 429", async () => {
    const model = await groqModel(inOrder([openAiError(500, "Internal Server Error", "internal_server_error"), openAiError(429, "Rate limit reached", "tokens", { "retry-after": "0" })], ok));
    const response = await model.chat({ messages });
    expect(response.attempts).toBe(3);
    expect(server!.requests).toHaveLength(3);
  });
});
