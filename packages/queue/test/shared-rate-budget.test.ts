import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChatModel, RequestCancelledError, type ChatModel, type ModelOptions } from "@cg/models";
import { parseRunConfig } from "@cg/runner";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiLoopback, type OpenAiLoopback, type Reply } from "../../runner/test/support/openai-loopback";
import { RedisRateBudget, type PerMinuteLimits } from "../src/redis-rate-budget";
import { RateBudgetWaitAbandonedError, SharedRateBudget, sharedBudgetOf } from "../src/shared-rate-budget";
import { startRedis, type TestRedis } from "./support/redis-server";

let redis: TestRedis;
let connections: Redis[];
let server: OpenAiLoopback;
let reply: (prompt: string) => Reply = () => ({ text: "ok" });
let endpoints = 0;

beforeAll(async () => {
  redis = await startRedis();
  connections = [new Redis(redis.url), new Redis(redis.url)];
  server = await startOpenAiLoopback((request) => reply(request.prompt));
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.quit()));
  await server?.close();
  await redis?.stop();
});

/**
 * Two "workers" (each its own Redis connection and model) sharing the budget of one endpoint that
 * no other test uses, and a probe of that budget.
 */
function workers(limits: PerMinuteLimits, options: ModelOptions = {}) {
  endpoints += 1;
  const endpoint = { spec: "openai-compatible:loopback", baseUrl: `${server.baseUrl}?budget=${endpoints}` };
  const model = (connection: Redis, stopWaiting?: AbortSignal): ChatModel =>
    createChatModel(endpoint.spec, {
      baseUrl: server.baseUrl,
      cacheDir: false,
      env: {},
      ...options,
      sharedBudget: new SharedRateBudget(new RedisRateBudget(connection, endpoint, limits), stopWaiting),
    });
  return { model, probe: new RedisRateBudget(connections[0]!, endpoint, limits) };
}

function ask(model: ChatModel, prompt: string, signal?: AbortSignal) {
  return model.chat({ messages: [{ role: "user", content: prompt }], ...(signal ? { signal } : {}) });
}

async function settleWithin(ms: number, promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
}

describe("SharedRateBudget in a model's rate-limit slot", () => {
  it("lets the workers sharing a budget send only its requests; a waiting call is cancelled by its signal", async () => {
    reply = () => ({ text: "ok" });
    const { model } = workers({ requestsPerMinute: 3 });
    const [a, b] = [model(connections[0]!), model(connections[1]!)];
    const cancel = new AbortController();
    const before = server.requests.length;
    let answered = 0;
    const calls = ["1", "2", "3", "4", "5"].map((prompt, i) => ask(i % 2 === 0 ? a : b, prompt, cancel.signal).then(() => answered++));
    const outcomes = Promise.allSettled(calls);
    while (answered < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(3);
    expect(server.requests.length - before).toBe(3);

    cancel.abort();
    const cancelled = (await outcomes).flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(cancelled).toEqual([expect.any(RequestCancelledError), expect.any(RequestCancelledError)]);
    expect(server.requests.length - before).toBe(3);
  });

  it("gives up calls waiting on the budget when told to stop waiting, and lets calls in flight finish", async () => {
    reply = () => ({ text: "ok", delayMs: 300 });
    const { model } = workers({ requestsPerMinute: 1 });
    const stop = new AbortController();
    const worker = model(connections[0]!, stop.signal);
    const inFlight = ask(worker, "in flight");
    const waiting = ask(worker, "waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(RateBudgetWaitAbandonedError);
    await expect(inFlight).resolves.toMatchObject({ choices: [{ text: "ok" }] });
  });

  it("corrects each call's token estimate to the usage the provider reports", async () => {
    reply = () => ({ text: "ok" });
    // Each call is estimated at 1024 tokens of output plus its prompt and uses about 2: without
    // the correction only one call would fit in 2000 tokens.
    const { model, probe } = workers({ tokensPerMinute: 2000 });
    const worker = model(connections[0]!);
    const before = server.requests.length;
    for (const prompt of ["one", "two", "three", "four"]) expect(await settleWithin(1000, ask(worker, prompt))).toBe(true);
    expect(server.requests.length - before).toBe(4);
    // Four calls of a few tokens each used a handful of the 2000; uncorrected estimates would have
    // left less than 1,000. (Not exactly 8: a token more or less is refilled within 30 ms.)
    expect(await probe.take(1950)).toBe(0);
  });

  it("takes nothing for a cache hit, as the provider never sees it", async () => {
    reply = () => ({ text: "ok" });
    const { model, probe } = workers({ requestsPerMinute: 2 }, { cacheDir: mkdtempSync(join(tmpdir(), "cg-limited-cache-")) });
    const worker = model(connections[0]!);
    const before = server.requests.length;
    for (const prompt of ["same", "same", "same", "other"]) expect(await settleWithin(1000, ask(worker, prompt))).toBe(true);
    expect(server.requests.length - before).toBe(2);
    expect(await probe.take(0)).toBeGreaterThan(0);
  });

  it("gives a failed request's tokens back and counts each retry as a request", async () => {
    let failures = 0;
    reply = (prompt) => (prompt.startsWith("retry") && failures++ % 2 === 0 ? { status: 500, message: "try again" } : prompt === "bad" ? { status: 400, message: "bad request" } : { text: "ok" });
    const { model, probe } = workers({ requestsPerMinute: 4, tokensPerMinute: 1100 }, { retry: { maxRetries: 1, baseDelayMs: 0 } });
    const worker = model(connections[0]!);
    await expect(ask(worker, "bad")).rejects.toThrow(/bad request/);
    // Its 1025 estimated tokens came back: the next call fits at once.
    expect(await settleWithin(1000, ask(worker, "retry"))).toBe(true);
    // Three requests reached the provider (bad, retry twice): one of four is left.
    expect(await probe.take(0)).toBe(0);
    expect(await probe.take(0)).toBeGreaterThan(0);
  });

  it("sits inside the retry loop: a retry waits on the budget like any request, and is not sent until it gets one", async () => {
    let failed = false;
    reply = () => (failed ? { text: "ok" } : ((failed = true), { status: 429, message: "slow down" }));
    const { model, probe } = workers({ requestsPerMinute: 1 }, { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const cancel = new AbortController();
    const before = server.requests.length;
    const call = ask(model(connections[0]!), "retried", cancel.signal);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The 429 took the minute's only request; the retry waits for the next one.
    expect(server.requests.length - before).toBe(1);
    cancel.abort();
    await expect(call).rejects.toBeInstanceOf(RequestCancelledError);
    expect(server.requests.length - before).toBe(1);
    expect(await probe.take(0)).toBeGreaterThan(0);
  });

  it("counts the requests the server saw, retries included, and keeps the tokens of the one answered", async () => {
    let failed = false;
    reply = () => (failed ? { text: "ok" } : ((failed = true), { status: 503, message: "try again" }));
    // Each request is estimated at 1026 tokens (2 of prompt, 1024 of output) and the answer uses 3.
    const { model, probe } = workers({ requestsPerMinute: 3, tokensPerMinute: 2100 }, { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const before = server.requests.length;
    const response = await ask(model(connections[0]!), "retry me");
    expect(server.requests.length - before).toBe(2);
    expect(response.attempts).toBe(2);
    // Two requests of three spent; of the tokens only the answer's 3: the failed request gave its estimate back.
    expect(await probe.take(2097)).toBe(0);
    expect(await probe.take(0)).toBeGreaterThan(0);
  });

  it("is made for a run with per-minute limits only, keyed by the spec as the model names itself", async () => {
    const run = (spec: string, limits?: PerMinuteLimits) =>
      parseRunConfig({ dataset: "humaneval", strategy: "direct", model: { spec, baseUrl: "http://127.0.0.1:9/v1", ...(limits ? { limits } : {}) } });
    const stop = new AbortController().signal;
    expect(sharedBudgetOf(connections[0]!, run("openai-compatible:keyed"), stop)).toBeUndefined();
    const budget = sharedBudgetOf(connections[0]!, run(" OpenAI-Compatible:keyed", { requestsPerMinute: 2 }), stop)!;
    for (let i = 0; i < 2; i++) await (await budget.acquire(0)).release(0);
    const probe = new RedisRateBudget(connections[1]!, { spec: "openai-compatible:keyed", baseUrl: "http://127.0.0.1:9/v1" }, { requestsPerMinute: 2 });
    expect(await probe.take(0)).toBeGreaterThan(0);
  });
});
