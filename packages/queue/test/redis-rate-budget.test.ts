import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateBucketKey } from "../src/keys";
import { RedisRateBudget } from "../src/redis-rate-budget";
import { startRedis, type TestRedis } from "./support/redis-server";

let redis: TestRedis;
let first: Redis;
let second: Redis;
let endpoints = 0;

beforeAll(async () => {
  redis = await startRedis();
  first = new Redis(redis.url);
  second = new Redis(redis.url);
});

afterAll(async () => {
  await Promise.all([first?.quit(), second?.quit()]);
  await redis?.stop();
});

/** A model endpoint no other test uses, so that each test starts with full buckets. */
function freshEndpoint(): { spec: string; baseUrl: string } {
  endpoints += 1;
  return { spec: `openai-compatible:budget-${endpoints}`, baseUrl: "http://127.0.0.1:9/v1" };
}

async function takeTimes(budget: RedisRateBudget, times: number, tokens: number): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < times; i++) waits.push(await budget.take(tokens));
  return waits;
}

describe("RedisRateBudget", () => {
  it("starts full, then says how long until a request's share of the minute has refilled", async () => {
    const budget = new RedisRateBudget(first, freshEndpoint(), { requestsPerMinute: 3 });
    expect(await takeTimes(budget, 3, 0)).toEqual([0, 0, 0]);
    const wait = await budget.take(0);
    // One request of three a minute refills in 20 s; a little of it has passed since the takes.
    expect(wait).toBeGreaterThan(19_000);
    expect(wait).toBeLessThanOrEqual(20_000);
  });

  it("is one budget for every client naming the same endpoint and limit", async () => {
    const endpoint = freshEndpoint();
    const a = new RedisRateBudget(first, endpoint, { requestsPerMinute: 4 });
    const b = new RedisRateBudget(second, endpoint, { requestsPerMinute: 4 });
    expect(await takeTimes(a, 2, 0)).toEqual([0, 0]);
    expect(await takeTimes(b, 2, 0)).toEqual([0, 0]);
    expect(await a.take(0)).toBeGreaterThan(0);
    expect(await b.take(0)).toBeGreaterThan(0);
    // Another limit on the same endpoint is another budget.
    expect(await new RedisRateBudget(second, endpoint, { requestsPerMinute: 5 }).take(0)).toBe(0);
  });

  it("takes a request and its tokens only when both buckets allow", async () => {
    const budget = new RedisRateBudget(first, freshEndpoint(), { requestsPerMinute: 10, tokensPerMinute: 1000 });
    expect(await budget.take(600)).toBe(0);
    const wait = await budget.take(600);
    // 200 tokens missing, at 1000 a minute.
    expect(wait).toBeGreaterThan(11_000);
    expect(wait).toBeLessThanOrEqual(12_000);
    // The refused take left its request: nine more fit (ten a minute, one taken).
    expect(await takeTimes(budget, 9, 0)).toEqual(Array(9).fill(0));
    expect(await budget.take(0)).toBeGreaterThan(0);
  });

  it("gives back what a call did not use and charges what it used beyond, as a debt that delays later takes", async () => {
    const budget = new RedisRateBudget(first, freshEndpoint(), { tokensPerMinute: 1000 });
    expect(await budget.take(800)).toBe(0);
    expect(await budget.take(800)).toBeGreaterThan(0);
    await budget.charge(0, -700);
    expect(await budget.take(800)).toBe(0);
    // The call used 1500 of its 800: the bucket owes 600 and the next 100 tokens wait for 700.
    await budget.charge(0, 700);
    const wait = await budget.take(100);
    expect(wait).toBeGreaterThan(41_000);
    expect(wait).toBeLessThanOrEqual(42_000);
  });

  it("never refills above the limit, whatever is given back", async () => {
    const budget = new RedisRateBudget(first, freshEndpoint(), { requestsPerMinute: 2 });
    await budget.charge(-5, 0);
    expect(await takeTimes(budget, 2, 0)).toEqual([0, 0]);
    expect(await budget.take(0)).toBeGreaterThan(0);
  });

  it("waits for the refill, and stops waiting when the signal aborts", async () => {
    // 600 a minute: one request every 100 ms.
    const budget = new RedisRateBudget(first, freshEndpoint(), { requestsPerMinute: 600 });
    await budget.charge(600, 0);
    const started = performance.now();
    await budget.acquire(0);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThan(50);
    expect(waited).toBeLessThan(1000);

    const aborted = AbortSignal.timeout(20);
    await expect(budget.acquire(0, aborted)).rejects.toThrow();
    // The aborted wait took nothing: the next request is due about 100 ms after the last one.
    const again = performance.now();
    await budget.acquire(0);
    expect(performance.now() - again).toBeLessThan(150);
  });

  it("keeps a bucket in Redis only until it would be full again", async () => {
    const endpoint = freshEndpoint();
    const budget = new RedisRateBudget(first, endpoint, { requestsPerMinute: 600, tokensPerMinute: 60_000 });
    expect(await budget.take(3000)).toBe(0);
    // 1 request at 10 a second, 3000 tokens at 1000 a second: full again in 0.1 s and 3 s (plus a second's margin).
    const requestsTtl = await first.pttl(rateBucketKey(endpoint.spec, endpoint.baseUrl, "requests", 600));
    const tokensTtl = await first.pttl(rateBucketKey(endpoint.spec, endpoint.baseUrl, "tokens", 60_000));
    expect(requestsTtl).toBeGreaterThan(1000);
    expect(requestsTtl).toBeLessThanOrEqual(1100);
    expect(tokensTtl).toBeGreaterThan(3900);
    expect(tokensTtl).toBeLessThanOrEqual(4000);
  });

  it("refuses a limit that is not a positive number", () => {
    expect(() => new RedisRateBudget(first, freshEndpoint(), { requestsPerMinute: 0 })).toThrow(/requests per minute must be a positive number, got 0/);
  });
});
