import { afterEach, describe, expect, it } from "vitest";
import { ModelRequestError, RequestCancelledError, getProvider } from "../src/index.js";
import { providerChatModel } from "../src/provider-model.js";
import { type LoopbackServer, type Responder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat, openAiError } from "./support/wire.js";

const messages = [{ role: "user" as const, content: "Write fizzbuzz." }];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The vLLM client (one request returns n samples) under nothing but the bottom of the stack. */
async function bareModel(respond: Responder) {
  server = await startLoopbackServer(respond);
  const client = getProvider("vllm").create({ provider: "vllm", model: "m", apiKey: undefined, baseUrl: `${server.url}/v1`, sdkTimeoutMs: 10_000, completions: false });
  return providerChatModel({ provider: "vllm", model: "m", client });
}

const seeds: Responder = (request) => openAiChat(request, (i) => ({ content: `seed ${(request.body as { seed?: number }).seed} #${i}` }), { prompt: 7, completion: 3 });

describe("providerChatModel", () => {
  it("makes one request of n samples, with the seed offset by the sample index", async () => {
    const model = await bareModel(seeds);
    const response = await model.chat({ messages, params: { n: 2, seed: 40 }, sampleIndex: 2 });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]?.body).toMatchObject({ n: 2, seed: 42 });
    expect(response).toMatchObject({
      choices: [{ text: "seed 42 #0" }, { text: "seed 42 #1" }],
      usage: { promptTokens: 7, completionTokens: 3 },
      costUsd: null,
      provider: "vllm",
      model: "m",
      cached: false,
      attempts: 1,
    });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(model.spec).toBe("vllm:m");
  });

  it("sends no seed when none is given, and asks for one sample when n is unset", async () => {
    const model = await bareModel(seeds);
    const response = await model.chat({ messages, sampleIndex: 5 });
    expect(server!.requests[0]?.body).toEqual({ model: "m", messages });
    expect(response.choices).toEqual([{ text: "seed undefined #0", finishReason: "stop" }]);
  });

  it("fails once, without retrying, on an error answer", async () => {
    const model = await bareModel(() => openAiError(503, "overloaded", "server_error"));
    await expect(model.chat({ messages })).rejects.toMatchObject({ status: 503, retryable: true });
    expect(server!.requests).toHaveLength(1);
  });

  it("refuses a response with fewer samples than asked for, suggesting nativeSamples: false", async () => {
    const model = await bareModel((request) => openAiChat({ ...request, body: { model: "m" } }, () => ({ content: "one" }), { prompt: 1, completion: 1 }));
    const error = await model.chat({ messages, params: { n: 3 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ kind: "malformed-response", retryable: false });
    expect((error as Error).message).toContain("asked for 3 samples, got 1");
  });

  it("turns the abort of its signal into a cancellation", async () => {
    const model = await bareModel((request) => ({ ...seeds(request, 0), delayMs: 5_000 }) as ReturnType<Responder>);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 50);
    await expect(model.chat({ messages, signal: cancel.signal })).rejects.toBeInstanceOf(RequestCancelledError);
  });
});
