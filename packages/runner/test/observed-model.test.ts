import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChatModel, ModelRequestError, RetriesExhaustedError, type ChatModel, type ChatRequest, type ChatResponse } from "@cg/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observeReachability } from "../src/index";
import { startOpenAiLoopback, type OpenAiLoopback } from "./support/openai-loopback";

let server: OpenAiLoopback;

beforeAll(async () => {
  server = await startOpenAiLoopback(() => ({ text: "ok" }));
});

afterAll(async () => {
  await server?.close();
});

function ask(model: ChatModel, prompt: string): Promise<ChatResponse> {
  return model.chat({ messages: [{ role: "user", content: prompt }] });
}

describe("observeReachability", () => {
  it("takes a response for an answer only when it came from the provider, not from the cache", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "cg-observed-"));
    const options = { baseUrl: server.baseUrl, env: {}, cacheDir };
    await ask(createChatModel("openai-compatible:loopback", options), "seen before");
    const model = observeReachability(createChatModel("openai-compatible:loopback", options));
    expect({ spec: model.spec, provider: model.provider, model: model.model }).toEqual({ spec: "openai-compatible:loopback", provider: "openai-compatible", model: "loopback" });
    expect(await ask(model, "seen before")).toMatchObject({ cached: true });
    expect(model.answered).toBe(false);
    await ask(model, "new");
    expect(model.answered).toBe(true);
  });

  it("counts requests that gave up on reaching the server, and no other failure", async () => {
    const gone = await startOpenAiLoopback(() => ({ status: 500, message: "down" }));
    const failing = observeReachability(createChatModel("openai-compatible:loopback", { baseUrl: gone.baseUrl, env: {}, cacheDir: false, retry: { maxRetries: 0 } }));
    await expect(ask(failing, "a")).rejects.toMatchObject({ lastError: { status: 500 } });
    expect(failing.unreachableInARow).toBe(0);
    await gone.close();
    for (const prompt of ["b", "c"]) await expect(ask(failing, prompt)).rejects.toMatchObject({ lastError: { kind: "connection" } });
    expect(failing.unreachableInARow).toBe(2);
    expect(failing.answered).toBe(false);
  });

  it("starts counting again after an answer", async () => {
    const unreachable = new RetriesExhaustedError(1, new ModelRequestError({ provider: "p", kind: "connection", providerMessage: "refused", retryable: true }));
    const outcomes: Array<"fail" | "answer"> = ["fail", "fail", "answer", "fail"];
    const model = observeReachability({
      spec: "p:m",
      provider: "p",
      model: "m",
      chat: async (request: ChatRequest) => {
        if (outcomes.shift() === "fail") throw unreachable;
        return { choices: [{ text: request.messages[0]!.content, finishReason: "stop" }], usage: { promptTokens: 1, completionTokens: 1 }, costUsd: null, latencyMs: 1, provider: "p", model: "m", cached: false, attempts: 1 };
      },
    });
    const seen: number[] = [];
    for (const prompt of ["1", "2", "3", "4"]) {
      await ask(model, prompt).then(
        (response) => expect(response.choices[0]?.text).toBe(prompt),
        (error: unknown) => expect(error).toBe(unreachable),
      );
      seen.push(model.unreachableInARow);
    }
    expect(seen).toEqual([1, 2, 0, 1]);
    expect(model.answered).toBe(true);
  });
});
