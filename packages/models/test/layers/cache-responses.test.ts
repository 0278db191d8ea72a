import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChatRequest, ResponseCache, wrapChatModel } from "../../src/index.js";
import { cacheResponses } from "../../src/layers/cache-responses.js";
import { memoryModel, reply } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];
const keyOf = (request: ChatRequest) => `${request.sampleIndex ?? 0}`.padStart(64, "0");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cg-cache-layer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("cacheResponses", () => {
  it("stores a fresh response on disk and answers the same request from there, as a hit at no cost", async () => {
    const base = memoryModel((request, index) => reply(request, { text: `call ${index}`, costUsd: 0.02, latencyMs: 40, id: "resp-1" }));
    const first = await wrapChatModel(base, [cacheResponses(new ResponseCache(dir), keyOf)]).chat({ messages });
    // A new instance over the same directory, as after a restart.
    const again = await wrapChatModel(base, [cacheResponses(new ResponseCache(dir), keyOf)]).chat({ messages });
    expect(base.requests).toHaveLength(1);
    expect(first).toMatchObject({ cached: false, costUsd: 0.02, attempts: 1 });
    expect(again).toEqual({ ...first, cached: true, costUsd: 0, attempts: 0 });
    const stored = await new ResponseCache(dir).get(keyOf({ messages }));
    expect(stored).toEqual({ choices: first.choices, usage: first.usage, costUsd: 0.02, latencyMs: 40, id: "resp-1" });
  });

  it("keeps a null cost null on a hit, and tells requests apart by key", async () => {
    const base = memoryModel((request) => reply(request, { costUsd: null }));
    const model = wrapChatModel(base, [cacheResponses(new ResponseCache(dir), keyOf)]);
    await model.chat({ messages, sampleIndex: 0 });
    await model.chat({ messages, sampleIndex: 1 });
    expect(await model.chat({ messages, sampleIndex: 1 })).toMatchObject({ cached: true, costUsd: null });
    expect(base.requests).toHaveLength(2);
  });

  it("stores a request's samples one by one and asks below only for the unbroken runs of those missing", async () => {
    const base = memoryModel((request) => reply(request, { costUsd: 0.3 }));
    const model = wrapChatModel(base, [cacheResponses(new ResponseCache(dir), keyOf)]);
    await model.chat({ messages, params: { n: 1 }, sampleIndex: 2 });
    const five = await model.chat({ messages, params: { n: 5 } });
    expect(base.requests.map((request) => [request.params?.n, request.sampleIndex])).toEqual([
      [1, 2],
      [2, 0],
      [2, 3],
    ]);
    expect(five.choices.map((choice) => choice.text)).toEqual(["answer 0", "answer 1", "answer 2", "answer 3", "answer 4"]);
    expect(five.samples?.map((part) => part.cached)).toEqual([false, false, true, false, false]);
    // A response below without parts is divided here: its usage and cost add up across the samples.
    expect(five.samples?.[0]?.usage).toEqual({ promptTokens: 5, completionTokens: 5 });
    expect((five.samples?.[0]?.costUsd ?? 0) + (five.samples?.[1]?.costUsd ?? 0)).toBeCloseTo(0.3, 12);
    const again = await model.chat({ messages, params: { n: 5 } });
    expect(again).toMatchObject({ cached: true, choices: five.choices });
    expect(base.requests).toHaveLength(3);
  });

  it("stores no failure, and no response that is itself someone else's", async () => {
    let calls = 0;
    const base = memoryModel((request) => {
      calls++;
      if (calls === 1) throw new Error("failed");
      return reply(request, { cached: true, costUsd: 0, attempts: 0 });
    });
    const model = wrapChatModel(base, [cacheResponses(new ResponseCache(dir), keyOf)]);
    await expect(model.chat({ messages })).rejects.toThrow("failed");
    await model.chat({ messages });
    await model.chat({ messages });
    expect(base.requests).toHaveLength(3);
    expect(await readdir(dir)).toEqual([]);
  });
});
