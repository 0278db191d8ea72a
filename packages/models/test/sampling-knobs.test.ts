import { afterEach, describe, expect, it } from "vitest";
import {
  InvalidRequestError,
  type ModelOptions,
  SAMPLING_KNOBS,
  type SamplingParams,
  UnsupportedParameterError,
  checkSamplingParams,
  createChatModel,
  listProviders,
  providers,
  supportedKnobs,
} from "../src/index.js";
import { type LoopbackServer, type Responder, startLoopbackServer } from "./support/loopback-server.js";
import { anthropicMessage, geminiResponse, openAiChat, openAiCompletion } from "./support/wire.js";

const messages = [{ role: "user" as const, content: "Write is_prime." }];

/** Qwen3's non-thinking recipe from its model card. */
const QWEN3_RECIPE: SamplingParams = {
  temperature: 0.7,
  topP: 0.8,
  topK: 20,
  minP: 0,
  presencePenalty: 1.5,
  chatTemplateKwargs: { enable_thinking: false },
};

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chatReply: Responder = (request) => openAiChat(request, (i) => ({ content: `answer ${i}` }), { prompt: 12, completion: 30 });

async function modelOn(spec: string, respond: Responder, options: ModelOptions = {}) {
  server = await startLoopbackServer(respond);
  const env = { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "k", GEMINI_API_KEY: "k", GROQ_API_KEY: "k" };
  return createChatModel(spec, { baseUrl: `${server.url}/v1`, env, cacheDir: false, retry: { maxRetries: 0 }, ...options });
}

describe("sampling knobs on the wire", () => {
  it("sends the whole Qwen3 recipe to vLLM's chat endpoint under vLLM's names", async () => {
    const model = await modelOn("vllm:Qwen/Qwen3-8B", chatReply);
    await model.chat({ messages, params: { ...QWEN3_RECIPE, maxTokens: 2048, seed: 7, frequencyPenalty: -0.5, repetitionPenalty: 1.05 } });
    expect(server!.requests[0]?.body).toEqual({
      model: "Qwen/Qwen3-8B",
      messages,
      temperature: 0.7,
      top_p: 0.8,
      top_k: 20,
      min_p: 0,
      presence_penalty: 1.5,
      frequency_penalty: -0.5,
      repetition_penalty: 1.05,
      max_tokens: 2048,
      seed: 7,
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it("passes extraBody through as given, and refuses a member another parameter sets, before any request", async () => {
    const model = await modelOn("vllm:m", chatReply);
    const extraBody = { guided_choice: ["yes", "no"], skip_special_tokens: false, nested: { a: [1, 2] } };
    await model.chat({ messages, params: { temperature: 0, extraBody } });
    expect(server!.requests[0]?.body).toEqual({ model: "m", messages, temperature: 0, ...extraBody });

    const clash = model.chat({ messages, params: { topK: 5, extraBody: { top_k: 40 } } });
    await expect(clash).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(clash).rejects.toThrow(/extraBody sets "top_k", which the vllm request already has/);
    await expect(model.chat({ messages, params: { extraBody: { messages: [] } } })).rejects.toThrow(/extraBody sets "messages"/);
    expect(server!.requests).toHaveLength(1);
  });

  it("sends presence and frequency penalties to OpenAI, raw prompts and stops to a completions endpoint", async () => {
    const openai = await modelOn("openai:gpt-4o-mini", chatReply);
    await openai.chat({ messages, params: { presencePenalty: 0.5, frequencyPenalty: 0.25, reasoningEffort: "low" } });
    expect(server!.requests[0]?.body).toEqual({ model: "gpt-4o-mini", messages, presence_penalty: 0.5, frequency_penalty: 0.25, reasoning_effort: "low" });
    await server!.close();

    const base = await modelOn("openai-compatible:base", (request) => openAiCompletion(request, () => "    return n > 1\n", { prompt: 5, completion: 6 }), { completions: true });
    await base.chat({ messages: [{ role: "user", content: "def f(n):\n" }], params: { stop: ["\ndef", "\nclass"], presencePenalty: 1, extraBody: { echo: false } } });
    expect(server!.requests[0]?.path).toBe("/v1/completions");
    expect(server!.requests[0]?.body).toEqual({ model: "base", prompt: "def f(n):\n", stop: ["\ndef", "\nclass"], presence_penalty: 1, echo: false });
  });

  it("sends Gemini its penalties in the generation config and merges extraBody into the body", async () => {
    server = await startLoopbackServer(() => geminiResponse([{ text: "ok" }], { prompt: 3, candidates: 1 }));
    const gemini = createChatModel("google:gemini-2.5-flash", { baseUrl: server.url, env: { GEMINI_API_KEY: "k" }, cacheDir: false });
    await gemini.chat({ messages, params: { presencePenalty: 0.3, frequencyPenalty: 0.2, extraBody: { labels: { run: "r1" } } } });
    expect(server.requests[0]?.body).toMatchObject({ generationConfig: { presencePenalty: 0.3, frequencyPenalty: 0.2 }, labels: { run: "r1" } });
  });

  it("adds extraBody to Anthropic's body", async () => {
    const model = await modelOn("anthropic:claude-haiku-4-5", (request) => anthropicMessage(request, [{ type: "text", text: "ok" }], { input: 3, output: 1 }));
    await model.chat({ messages, params: { topK: 10, extraBody: { metadata: { user_id: "u1" } } } });
    expect(server!.requests[0]?.body).toEqual({ model: "claude-haiku-4-5", max_tokens: 4096, messages, top_k: 10, metadata: { user_id: "u1" } });
  });

  it("refuses a knob the provider lacks before any request, naming provider and knob", async () => {
    const cases: Array<[string, SamplingParams, RegExp, ModelOptions?]> = [
      ["groq:llama-3.3-70b-versatile", { presencePenalty: 1.5 }, /Provider "groq" does not support the sampling parameter "presencePenalty": remove it \(groq takes temperature, topP,/],
      ["anthropic:claude-haiku-4-5", { frequencyPenalty: 1 }, /Provider "anthropic" does not support the sampling parameter "frequencyPenalty"/],
      ["openai:gpt-4o-mini", { minP: 0.1 }, /Provider "openai" does not support the sampling parameter "minP"/],
      ["google:gemini-2.5-flash", { chatTemplateKwargs: { enable_thinking: false } }, /Provider "google" does not support the sampling parameter "chatTemplateKwargs"/],
      ["vllm:m", { thinkingBudget: 512 }, /Provider "vllm" does not support the sampling parameter "thinkingBudget"/],
      ["vllm:m", { chatTemplateKwargs: { enable_thinking: false } }, /"chatTemplateKwargs": remove it on the completions endpoint/, { completions: true }],
    ];
    for (const [spec, params, message, options] of cases) {
      const model = await modelOn(spec, chatReply, options);
      const error = await model.chat({ messages, params }).catch((caught: unknown) => caught);
      expect(error, spec).toBeInstanceOf(UnsupportedParameterError);
      expect((error as Error).message, spec).toMatch(message);
      expect(server!.requests, spec).toHaveLength(0);
      await server!.close();
      server = undefined;
    }
  });
});

describe("checkSamplingParams", () => {
  it("checks a configuration before any model is made", () => {
    expect(() => checkSamplingParams("vllm:Qwen/Qwen3-8B", QWEN3_RECIPE)).not.toThrow();
    expect(() => checkSamplingParams("groq:llama-3.3-70b-versatile", { frequencyPenalty: 0.1 })).toThrow(UnsupportedParameterError);
    expect(() => checkSamplingParams("vllm:m", { reasoningEffort: "low" }, "completions")).toThrow(/"reasoningEffort": remove it on the completions endpoint/);
    expect(() => checkSamplingParams("anthropic:claude-haiku-4-5", {}, "completions")).toThrow(/has no plain completions endpoint/);
  });

  it("has every provider declare, for each knob, whether it takes it", () => {
    for (const provider of Object.values(providers)) {
      for (const knob of supportedKnobs(provider, "chat")) expect(SAMPLING_KNOBS).toContain(knob);
      // Every provider passes unknown members through, so that a new server option needs no release.
      expect(supportedKnobs(provider, "chat")).toContain("extraBody");
    }
    expect(listProviders().find((provider) => provider.name === "vllm")).toMatchObject({ chatParams: expect.arrayContaining(["topK", "presencePenalty"]) });
  });
});
