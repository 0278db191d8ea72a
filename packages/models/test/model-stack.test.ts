import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ModelOptions, RequestLimiter, createChatModel } from "../src/index.js";
import { LedgerBudget } from "./support/ledger-budget.js";
import { type LoopbackServer, type Responder, inOrder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat, openAiError } from "./support/wire.js";

/** One token of prompt; the estimate adds 1024 of output when maxTokens is unset. */
const messages = [{ role: "user" as const, content: "ping" }];
const ESTIMATE = 1025;

let server: LoopbackServer | undefined;
let cacheDir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  cacheDir = undefined;
});

const pong =
  (delayMs = 0): Responder =>
  (request) => ({ ...openAiChat(request, () => ({ content: "pong" }), { prompt: 1, completion: 1 }), delayMs });

async function stackedModel(respond: Responder, options: ModelOptions) {
  server = await startLoopbackServer(respond);
  return createChatModel("openai-compatible:m", { baseUrl: server.url, env: {}, cacheDir: false, retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 }, ...options });
}

describe("the layers createChatModel stacks", () => {
  it("has a shared budget inside the retry loop: each request sent, retries included, takes its own permit", async () => {
    const shared = new LedgerBudget();
    const model = await stackedModel(inOrder([openAiError(429, "slow down", "rate_limit", { "retry-after-ms": "10" })], pong()), { sharedBudget: shared });
    const response = await model.chat({ messages });
    expect(server!.requests).toHaveLength(2);
    expect(response.attempts).toBe(2);
    expect(shared.events).toEqual([`acquire ${ESTIMATE}`, "hold off 10", "release undefined", `acquire ${ESTIMATE}`, "release 2"]);
  });

  it("takes nothing from the budgets for a cache hit or a request that shares another's call", async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "cg-models-stack-"));
    const shared = new LedgerBudget();
    const model = await stackedModel(pong(50), { sharedBudget: shared, cacheDir });
    await Promise.all([model.chat({ messages }), model.chat({ messages })]);
    expect(await model.chat({ messages })).toMatchObject({ cached: true });
    expect(server!.requests).toHaveLength(1);
    expect(shared.events).toEqual([`acquire ${ESTIMATE}`, "release 2"]);
  });

  it("waits on the shared budget before the local limiter, which then holds a request only for a concurrency slot", async () => {
    const shared = new LedgerBudget();
    const model = await stackedModel(pong(200), { limiter: new RequestLimiter({ concurrency: 1 }), sharedBudget: shared });
    const calls = Promise.all([model.chat({ messages, sampleIndex: 0 }), model.chat({ messages, sampleIndex: 1 })]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Both hold a shared permit; the second waits for the local slot the first one holds.
    expect(shared.events).toEqual([`acquire ${ESTIMATE}`, `acquire ${ESTIMATE}`]);
    expect(server!.requests).toHaveLength(1);
    await calls;
    expect(shared.events).toEqual([`acquire ${ESTIMATE}`, `acquire ${ESTIMATE}`, "release 2", "release 2"]);
  });

  it("gives each fanned-out sample its own permit", async () => {
    const shared = new LedgerBudget();
    const model = await stackedModel(pong(), { sharedBudget: shared });
    const response = await model.chat({ messages, params: { n: 3 } });
    expect(response.choices).toHaveLength(3);
    expect(shared.events.filter((event) => event.startsWith("acquire"))).toEqual([`acquire ${ESTIMATE}`, `acquire ${ESTIMATE}`, `acquire ${ESTIMATE}`]);
    expect(server!.requests).toHaveLength(3);
  });
});
