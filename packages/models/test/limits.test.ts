import { afterEach, describe, expect, it } from "vitest";
import { type ModelOptions, RequestCancelledError, RequestLimiter, createChatModel } from "../src/index.js";
import { type LoopbackServer, type Responder, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat, openAiError } from "./support/wire.js";

const messages = [{ role: "user" as const, content: "ping" }];

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answer =
  (delayMs: number, completion = 1): Responder =>
  (request) => ({ ...openAiChat(request, () => ({ content: "pong" }), { prompt: 1, completion }), delayMs });

async function compatibleModel(respond: Responder, options: ModelOptions) {
  server = await startLoopbackServer(respond);
  return createChatModel("openai-compatible:m", { baseUrl: server.url, env: {}, cacheDir: false, retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 }, ...options });
}

describe("client-side limits", () => {
  it("never has more requests in flight than the concurrency limit, and keeps it full", async () => {
    const model = await compatibleModel(answer(100), { limits: { concurrency: 4 } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, i) => model.chat({ messages, sampleIndex: i })));
    const elapsed = Date.now() - started;
    expect(server!.maxInFlight).toBe(4);
    expect(elapsed).toBeGreaterThanOrEqual(480);
    // One at a time would take 2 s.
    expect(elapsed).toBeLessThan(1_900);
  });

  it("paces requests per minute", async () => {
    // A 500 ms "minute" keeps the test short: 5 at once, then one every 100 ms.
    const limiter = new RequestLimiter({ requestsPerMinute: 5 }, { windowMs: 500 });
    const model = await compatibleModel(answer(0), { limiter });
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => model.chat({ messages, sampleIndex: i })));
    const times = server!.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    // Paced from the start, the fifth request would come 400 ms after the first.
    expect(times[4]! - times[0]!).toBeLessThan(300);
    // The first five empty the budget no earlier than the start; the last of the next five waits
    // 500 ms for it to refill. Timed from the start rather than from the first request, whose
    // connection setup can take long on a busy machine.
    expect(times[9]! - started).toBeGreaterThanOrEqual(490);
  });

  it("paces tokens per minute and charges the real usage, not the estimate", async () => {
    // The estimate is tiny (short prompt, maxTokens 10) but the server reports 1,500 tokens used:
    // the budget goes 500 into debt, which takes about 250 ms to refill at 2 tokens a millisecond.
    const limiter = new RequestLimiter({ tokensPerMinute: 1_000 }, { windowMs: 500 });
    const model = await compatibleModel(answer(0, 1_499), { limiter });
    await model.chat({ messages, params: { maxTokens: 10 }, sampleIndex: 0 });
    const started = Date.now();
    await model.chat({ messages, params: { maxTokens: 10 }, sampleIndex: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(230);
  });

  it("holds every request back after a 429 until the server's Retry-After has passed", async () => {
    const model = await compatibleModel(inOrder([openAiError(429, "slow down", "rate_limit", { "retry-after-ms": "300" })], answer(0)), {
      limits: { concurrency: 1 },
    });
    const first = model.chat({ messages, sampleIndex: 0 });
    const second = model.chat({ messages, sampleIndex: 1 });
    await Promise.all([first, second]);
    const [rejected, ...later] = server!.requests.map((request) => request.receivedAt);
    expect(later).toHaveLength(2);
    for (const time of later) expect(time - rejected!).toBeGreaterThanOrEqual(290);
  });

  it("lets a queued request be cancelled without ever sending it", async () => {
    const model = await compatibleModel(answer(300), { limits: { concurrency: 1 } });
    const running = model.chat({ messages, sampleIndex: 0 });
    const controller = new AbortController();
    const queued = model.chat({ messages, sampleIndex: 1, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(queued).rejects.toBeInstanceOf(RequestCancelledError);
    await running;
    expect(server!.requests).toHaveLength(1);
  });

  it("shares one limiter between models of the same provider and server", async () => {
    server = await startLoopbackServer(answer(100));
    const options = { baseUrl: server.url, env: {}, cacheDir: false as const, limits: { concurrency: 2 } };
    const a = createChatModel("openai-compatible:a", options);
    const b = createChatModel("openai-compatible:b", options);
    await Promise.all([0, 1, 2].flatMap((i) => [a.chat({ messages, sampleIndex: i }), b.chat({ messages, sampleIndex: i })]));
    expect(server.maxInFlight).toBe(2);
  });
});
