import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PRICES, type ModelOptions, ModelRequestError, UnsupportedParameterError, computeCostUsd, createChatModel } from "../src/index.js";
import { type LoopbackServer, type ReceivedRequest, type Reply, type Responder, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { anthropicError, anthropicMessage } from "./support/wire.js";

const fastRetry = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };
const messages = [
  { role: "system" as const, content: "Answer with code only." },
  { role: "user" as const, content: "Reverse a string in Python." },
];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = (request: ReceivedRequest): Reply => anthropicMessage(request, [{ type: "text", text: "s[::-1]" }], { input: 15, output: 6 });

async function anthropicModel(respond: Responder, options: ModelOptions = {}) {
  server = await startLoopbackServer(respond);
  return createChatModel("anthropic:claude-haiku-4-5-20251001", {
    baseUrl: server.url,
    env: { ANTHROPIC_API_KEY: "sk-ant-test" },
    cacheDir: false,
    retry: fastRetry,
    ...options,
  });
}

describe("anthropic provider over the real SDK", () => {
  it("sends a Messages API request with the system prompt apart and a thinking budget", async () => {
    const model = await anthropicModel(ok);
    await model.chat({ messages, params: { thinkingBudget: 2048, stop: ["```\n\n"], topK: 5 } });
    const [request] = server!.requests;
    expect(request?.path).toBe("/v1/messages");
    expect(request?.headers.authorization).toBe("Bearer sk-ant-test");
    expect(request?.headers["anthropic-version"]).toBeTruthy();
    expect(request?.body).toEqual({
      model: "claude-haiku-4-5-20251001",
      max_tokens: 4096,
      system: "Answer with code only.",
      messages: [{ role: "user", content: "Reverse a string in Python." }],
      top_k: 5,
      stop_sequences: ["```\n\n"],
      thinking: { type: "enabled", budget_tokens: 2048 },
    });
  });

  it("keeps thinking blocks out of the answer and counts cached and thinking tokens", async () => {
    const model = await anthropicModel((request) =>
      anthropicMessage(
        request,
        [
          { type: "thinking", thinking: "Slicing with a negative step." },
          { type: "redacted_thinking" },
          { type: "text", text: "def rev(s):\n    return s[::-1]" },
        ],
        { input: 10, output: 300, cacheRead: 100, cacheWrite: 20, thinking: 250 },
        "max_tokens",
      ),
    );
    const response = await model.chat({ messages });
    expect(response.choices).toEqual([{ text: "def rev(s):\n    return s[::-1]", reasoning: "Slicing with a negative step.", finishReason: "length" }]);
    expect(response.usage).toEqual({ promptTokens: 130, completionTokens: 300, cachedPromptTokens: 100, reasoningTokens: 250 });
    expect(response.costUsd).toBeCloseTo(computeCostUsd(response.usage, DEFAULT_PRICES["anthropic:claude-haiku-4-5"]!), 12);
    expect(response.costUsd).toBeCloseTo((30 * 1 + 100 * 0.1 + 300 * 5) / 1e6, 12);
    expect(response.id).toMatch(/^msg_loopback_/);
  });

  it("fans n samples out, since the Messages API returns one", async () => {
    const model = await anthropicModel(ok);
    const response = await model.chat({ messages, params: { n: 2 } });
    expect(server!.requests).toHaveLength(2);
    expect(response.choices).toHaveLength(2);
    expect(response.usage).toEqual({ promptTokens: 30, completionTokens: 12, cachedPromptTokens: 0 });
  });

  it("retries 529 overloaded and 429 with Retry-After", async () => {
    const model = await anthropicModel(
      inOrder(
        [anthropicError(529, "overloaded_error", "Overloaded"), anthropicError(429, "rate_limit_error", "Number of requests has exceeded your rate limit", { "retry-after": "0.2" })],
        ok,
      ),
    );
    const response = await model.chat({ messages });
    expect(response.attempts).toBe(3);
    const times = server!.requests.map((request) => request.receivedAt);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(190);
  });

  it("fails at once on an invalid request with Anthropic's message", async () => {
    const model = await anthropicModel(() => anthropicError(400, "invalid_request_error", "max_tokens: 100000 > 64000, which is the maximum allowed"));
    const error = await model.chat({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ status: 400, retryable: false, providerMessage: "max_tokens: 100000 > 64000, which is the maximum allowed" });
    expect(server!.requests).toHaveLength(1);
  });

  it("refuses a seed, which the Messages API does not take", async () => {
    const model = await anthropicModel(ok);
    await expect(model.chat({ messages, params: { seed: 1 } })).rejects.toBeInstanceOf(UnsupportedParameterError);
    expect(server!.requests).toHaveLength(0);
  });

  it("takes penalties of 0, which are no penalty, and refuses any other", async () => {
    const model = await anthropicModel(ok);
    await expect(model.chat({ messages, params: { frequencyPenalty: 0.2 } })).rejects.toBeInstanceOf(UnsupportedParameterError);
    expect(server!.requests).toHaveLength(0);
    await model.chat({ messages, params: { frequencyPenalty: 0, presencePenalty: 0 } });
    expect(server!.requests).toHaveLength(1);
    expect(JSON.stringify(server!.requests[0])).not.toMatch(/penalty/);
  });
});
