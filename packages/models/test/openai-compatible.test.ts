import { afterEach, describe, expect, it } from "vitest";
import { MissingBaseUrlError, type ModelOptions, ModelRequestError, createChatModel } from "../src/index.js";
import { type LoopbackServer, type ReceivedRequest, type Reply, type Responder, startLoopbackServer } from "./support/loopback-server.js";
import { type OpenAiChoiceSpec, openAiChat, openAiCompletion } from "./support/wire.js";

const fastRetry = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 };
const messages = [{ role: "user" as const, content: "Write fizzbuzz in Python." }];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answering =
  (choice: (index: number) => OpenAiChoiceSpec) =>
  (request: ReceivedRequest): Reply =>
    openAiChat(request, choice, { prompt: 20, completion: 50 });

async function compatibleModel(spec: string, respond: Responder, options: ModelOptions = {}) {
  server = await startLoopbackServer(respond);
  return createChatModel(spec, { baseUrl: `${server.url}/v1`, env: {}, cacheDir: false, retry: fastRetry, ...options });
}

describe("vllm provider", () => {
  it("passes vLLM's sampling extras and asks for all n samples in one request", async () => {
    const model = await compatibleModel("vllm:Qwen/Qwen3-Coder-30B-A3B-Instruct", answering((i) => ({ content: `sample ${i}` })));
    const response = await model.chat({
      messages,
      params: { n: 4, temperature: 0.8, maxTokens: 512, topK: 20, minP: 0.05, repetitionPenalty: 1.05, chatTemplateKwargs: { enable_thinking: false } },
    });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]?.body).toEqual({
      model: "Qwen/Qwen3-Coder-30B-A3B-Instruct",
      messages,
      n: 4,
      temperature: 0.8,
      max_tokens: 512,
      top_k: 20,
      min_p: 0.05,
      repetition_penalty: 1.05,
      chat_template_kwargs: { enable_thinking: false },
    });
    expect(response.choices.map((choice) => choice.text)).toEqual(["sample 0", "sample 1", "sample 2", "sample 3"]);
    expect(response.costUsd).toBeNull();
    expect(response.usage).toEqual({ promptTokens: 20, completionTokens: 50, reasoningTokens: 0, cachedPromptTokens: 0 });
  });

  it("keeps Qwen3 <think> blocks out of the answer text", async () => {
    const content = "<think>\nFizz on 3, Buzz on 5.\n</think>\n\n```python\nfor i in range(1, 101):\n    print(i)\n```";
    const model = await compatibleModel("vllm:Qwen/Qwen3-8B", answering(() => ({ content })));
    const response = await model.chat({ messages });
    expect(response.choices[0]).toEqual({
      text: "```python\nfor i in range(1, 101):\n    print(i)\n```",
      reasoning: "Fizz on 3, Buzz on 5.",
      finishReason: "stop",
    });
  });

  it("reads reasoning that vLLM's reasoning parser puts in its own field", async () => {
    const model = await compatibleModel("vllm:Qwen/Qwen3-8B", answering(() => ({ content: "print('ok')", reasoning_content: "Simple." })));
    const response = await model.chat({ messages });
    expect(response.choices[0]).toEqual({ text: "print('ok')", reasoning: "Simple.", finishReason: "stop" });
  });

  it("uses the plain completions endpoint for a base model", async () => {
    const model = await compatibleModel("vllm:Qwen/Qwen2.5-Coder-7B", (request) => openAiCompletion(request, (i) => `    return ${i}`, { prompt: 6, completion: 4 }), {
      completions: true,
    });
    const response = await model.chat({ messages: [{ role: "user", content: "def f():\n" }], params: { n: 2, topK: 40, maxTokens: 32 } });
    expect(server!.requests[0]?.path).toBe("/v1/completions");
    expect(server!.requests[0]?.body).toEqual({ model: "Qwen/Qwen2.5-Coder-7B", prompt: "def f():\n", n: 2, top_k: 40, max_tokens: 32 });
    expect(response.choices.map((choice) => choice.text)).toEqual(["    return 0", "    return 1"]);
  });

  it("adds /v1 to a bare server address and sends the optional key from VLLM_API_KEY", async () => {
    server = await startLoopbackServer(answering(() => ({ content: "x" })));
    const model = createChatModel("vllm:m", { env: { VLLM_BASE_URL: server.url, VLLM_API_KEY: "local-key" }, cacheDir: false });
    await model.chat({ messages });
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer local-key");
  });

  it("sends no Authorization header when there is no key", async () => {
    const model = await compatibleModel("vllm:m", answering(() => ({ content: "x" })));
    await model.chat({ messages });
    expect(server!.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("reports a server that ignored n instead of returning fewer samples", async () => {
    const model = await compatibleModel("vllm:m", (request) => openAiChat({ ...request, body: { model: "m" } }, () => ({ content: "one" }), { prompt: 1, completion: 1 }));
    const error = await model.chat({ messages, params: { n: 2 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect((error as ModelRequestError).retryable).toBe(false);
    expect((error as Error).message).toContain("nativeSamples: false");
  });

  it("needs a base URL and says how to give one", () => {
    expect(() => createChatModel("vllm:m", { env: {} })).toThrow(MissingBaseUrlError);
    expect(() => createChatModel("vllm:m", { env: {} })).toThrow(/--base-url.*VLLM_BASE_URL/);
  });
});

describe("openai-compatible provider", () => {
  it("fans n out into one request per sample, each with its own seed", async () => {
    const model = await compatibleModel("openai-compatible:qwen2.5-coder:7b", (request) =>
      openAiChat(request, () => ({ content: `seed ${(request.body as { seed: number }).seed}` }), { prompt: 10, completion: 5 }),
    );
    const response = await model.chat({ messages, params: { n: 3, seed: 100 } });
    expect(server!.requests).toHaveLength(3);
    for (const request of server!.requests) {
      expect(request.body).not.toHaveProperty("n");
      expect(request.body).toMatchObject({ model: "qwen2.5-coder:7b" });
    }
    expect(response.choices.map((choice) => choice.text)).toEqual(["seed 100", "seed 101", "seed 102"]);
    expect(response.usage).toEqual({ promptTokens: 30, completionTokens: 15, reasoningTokens: 0, cachedPromptTokens: 0 });
  });

  it("sends the optional key given in OPENAI_COMPATIBLE_API_KEY", async () => {
    server = await startLoopbackServer(answering(() => ({ content: "x" })));
    const model = createChatModel("openai-compatible:llama", { baseUrl: server.url, env: { OPENAI_COMPATIBLE_API_KEY: "k" }, cacheDir: false });
    await model.chat({ messages });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer k");
  });
});
