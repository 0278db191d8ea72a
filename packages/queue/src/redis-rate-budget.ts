import { setTimeout as delay } from "node:timers/promises";
import type { Redis } from "ioredis";
import { rateBucketKey } from "./keys";

/** A provider's limits, as a run configuration gives them. */
export interface PerMinuteLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** The bucket's capacity refills over this long: the limits are per minute. */
const WINDOW_MS = 60_000;

/**
 * What both scripts share. Time is Redis's own (`TIME`), so workers whose clocks disagree still
 * share one clock. A bucket refills continuously at capacity per window, never above capacity; its
 * key is kept only until it would be full again, after which a missing key means the same thing.
 */
const BUCKET_LUA = `
local window = ${WINDOW_MS}
local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
end
local function level_of(key, capacity, now)
  local state = redis.call('HMGET', key, 'level', 'at')
  if not state[1] then return capacity end
  local elapsed = math.max(0, now - tonumber(state[2]))
  return math.min(capacity, tonumber(state[1]) + elapsed * capacity / window)
end
local function store(key, capacity, level, now)
  redis.call('HSET', key, 'level', string.format('%.6f', level), 'at', string.format('%.3f', now))
  redis.call('PEXPIRE', key, math.ceil((capacity - level) * window / capacity) + 1000)
end
`;

/**
 * KEYS: buckets; ARGV: each bucket's capacity and amount, in order. Takes the amounts from every
 * bucket when each holds its amount (an amount above capacity needs a full bucket, then leaves a
 * debt), else takes nothing and returns the milliseconds until all of them will; 0 when taken.
 */
const TAKE_LUA = `${BUCKET_LUA}
local now = now_ms()
local levels = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  local amount = tonumber(ARGV[2 * i])
  levels[i] = level_of(key, capacity, now)
  local missing = math.min(amount, capacity) - levels[i]
  if missing > 0 then wait = math.max(wait, math.ceil(missing * window / capacity)) end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  store(key, tonumber(ARGV[2 * i - 1]), levels[i] - tonumber(ARGV[2 * i]), now)
end
return 0
`;

/**
 * KEYS: buckets; ARGV: each bucket's capacity and amount. Takes the amounts without waiting
 * (negative amounts give back); a level below zero is a debt that delays later takes.
 */
const CHARGE_LUA = `${BUCKET_LUA}
local now = now_ms()
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  store(key, capacity, math.min(capacity, level_of(key, capacity, now) - tonumber(ARGV[2 * i])), now)
end
return 0
`;

type BucketArgs = Array<string | number>;

/** The scripts, defined on the connection (ioredis runs them with EVALSHA, loading them when Redis lacks them). */
interface RateBudgetCommands {
  takeRateBudget(keyCount: number, ...keysAndArgs: BucketArgs): Promise<number>;
  chargeRateBudget(keyCount: number, ...keysAndArgs: BucketArgs): Promise<number>;
}

function withRateBudgetCommands(redis: Redis): Redis & RateBudgetCommands {
  redis.defineCommand("takeRateBudget", { lua: TAKE_LUA });
  redis.defineCommand("chargeRateBudget", { lua: CHARGE_LUA });
  // defineCommand adds the methods at run time; ioredis cannot type them.
  return redis as Redis & RateBudgetCommands;
}

interface Bucket {
  key: string;
  capacity: number;
}

/**
 * A model endpoint's requests- and tokens-per-minute budget, kept in Redis and shared by every
 * process that names the same endpoint and limits: one token bucket per limit, each starting
 * full and refilling continuously, updated atomically by Lua scripts.
 */
export class RedisRateBudget {
  private readonly redis: Redis & RateBudgetCommands;
  private readonly requests: Bucket | undefined;
  private readonly tokens: Bucket | undefined;

  constructor(redis: Redis, endpoint: { spec: string; baseUrl: string | undefined }, limits: PerMinuteLimits) {
    this.redis = withRateBudgetCommands(redis);
    const bucket = (unit: "requests" | "tokens", perMinute: number | undefined): Bucket | undefined => {
      if (perMinute === undefined) return undefined;
      if (!(perMinute > 0)) throw new RangeError(`${unit} per minute must be a positive number, got ${perMinute}`);
      return { key: rateBucketKey(endpoint.spec, endpoint.baseUrl, unit, perMinute), capacity: perMinute };
    };
    this.requests = bucket("requests", limits.requestsPerMinute);
    this.tokens = bucket("tokens", limits.tokensPerMinute);
  }

  /** Takes one request and `tokens` tokens if both buckets hold them; else takes nothing and returns the ms until they will. */
  async take(tokens: number): Promise<number> {
    const args = bucketArgs([
      [this.requests, 1],
      [this.tokens, tokens],
    ]);
    if (args.keys.length === 0) return 0;
    return this.redis.takeRateBudget(args.keys.length, ...args.keys, ...args.amounts);
  }

  /** Waits until `take` succeeds. A signal aborted while waiting rejects, and nothing is taken then. */
  async acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const waitMs = await this.take(tokens);
      if (waitMs === 0) return;
      await delay(waitMs, undefined, signal ? { signal } : {});
    }
  }

  /** Takes requests and tokens after the fact, without waiting; negative amounts give back. */
  async charge(requests: number, tokens: number): Promise<void> {
    // A bucket with nothing to change is left alone.
    const args = bucketArgs([
      [requests === 0 ? undefined : this.requests, requests],
      [tokens === 0 ? undefined : this.tokens, tokens],
    ]);
    if (args.keys.length === 0) return;
    await this.redis.chargeRateBudget(args.keys.length, ...args.keys, ...args.amounts);
  }
}

/** The scripts' arguments for the buckets there are: their keys, then the capacity and amount of each. */
function bucketArgs(amounts: Array<readonly [Bucket | undefined, number]>): { keys: string[]; amounts: number[] } {
  const args = { keys: [] as string[], amounts: [] as number[] };
  for (const [bucket, amount] of amounts) {
    if (!bucket) continue;
    args.keys.push(bucket.key);
    args.amounts.push(bucket.capacity, amount);
  }
  return args;
}
