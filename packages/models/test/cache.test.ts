import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorruptCacheEntryError, type ModelOptions, ResponseCache, createChatModel, responseCacheKey } from "../src/index.js";
import { type LoopbackServer, type ReceivedRequest, type Responder, startLoopbackServer } from "./support/loopback-server.js";
import { openAiChat } from "./support/wire.js";

const messages = [{ role: "user" as const, content: "Write is_even." }];

let server: LoopbackServer | undefined;
let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "cg-models-cache-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cacheDir, { recursive: true, force: true });
});

/** Every answer differs, so a cached answer can be told from a fresh one. */
let served = 0;
const fresh: Responder = (request: ReceivedRequest) =>
  openAiChat(request, (i) => ({ content: `answer ${++served} choice ${i}` }), { prompt: 10, completion: 20 });

async function startServer() {
  server = await startLoopbackServer(fresh);
  return server;
}

function model(spec: string, options: ModelOptions = {}) {
  // A fresh instance per call, as after a restart: only the disk is shared.
  return createChatModel(spec, { baseUrl: `${server!.url}/v1`, apiKey: "sk-test", env: {}, cacheDir, ...options });
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe("response cache", () => {
  it("answers a rerun from disk: same text, same usage, no request, no cost", async () => {
    await startServer();
    const first = await model("openai:gpt-4o-mini").chat({ messages, params: { temperature: 0.7 } });
    const again = await model("openai:gpt-4o-mini").chat({ messages, params: { temperature: 0.7 } });
    expect(server!.requests).toHaveLength(1);
    expect(first.cached).toBe(false);
    expect(first.costUsd).toBeGreaterThan(0);
    expect(again).toMatchObject({ cached: true, costUsd: 0, attempts: 0, choices: first.choices, usage: first.usage, id: first.id });
  });

  it("keeps samples with different sample indexes apart", async () => {
    await startServer();
    const zero = await model("openai:gpt-4o-mini").chat({ messages, sampleIndex: 0 });
    const one = await model("openai:gpt-4o-mini").chat({ messages, sampleIndex: 1 });
    expect(zero.choices[0]?.text).not.toBe(one.choices[0]?.text);
    const oneAgain = await model("openai:gpt-4o-mini").chat({ messages, sampleIndex: 1 });
    expect(oneAgain.choices).toEqual(one.choices);
    expect(server!.requests).toHaveLength(2);
  });

  it("misses when anything in the key changes: parameters, model or messages", async () => {
    await startServer();
    await model("openai:gpt-4o-mini").chat({ messages, params: { temperature: 0 } });
    await model("openai:gpt-4o-mini").chat({ messages, params: { temperature: 1 } });
    await model("openai:gpt-4o").chat({ messages, params: { temperature: 0 } });
    await model("openai:gpt-4o-mini").chat({ messages: [{ role: "user", content: "Write is_odd." }], params: { temperature: 0 } });
    expect(server!.requests).toHaveLength(4);
  });

  it("caches fanned-out samples one by one, so a rerun with a larger n pays only for the new ones", async () => {
    await startServer();
    await model("openai-compatible:m").chat({ messages, params: { n: 2 } });
    expect(server!.requests).toHaveLength(2);
    const three = await model("openai-compatible:m").chat({ messages, params: { n: 3 } });
    expect(server!.requests).toHaveLength(3);
    expect(three.cached).toBe(false);
    const again = await model("openai-compatible:m").chat({ messages, params: { n: 3 } });
    expect(server!.requests).toHaveLength(3);
    expect(again).toMatchObject({ cached: true, costUsd: null, choices: three.choices });
  });

  it("caches each sample of a native n-sample request on its own, so a larger n asks once for the missing ones", async () => {
    await startServer();
    const first = await model("vllm:m").chat({ messages, params: { n: 4, seed: 10 } });
    const again = await model("vllm:m").chat({ messages, params: { n: 4, seed: 10 } });
    expect(server!.requests).toHaveLength(1);
    expect(again.choices).toEqual(first.choices);
    expect(again.choices).toHaveLength(4);
    expect(again).toMatchObject({ cached: true, usage: first.usage });
    expect(again.samples?.map((part) => part.usage)).toEqual(first.samples?.map((part) => part.usage));

    // Samples 4..6 are new: one request for the three of them, with the index of the first.
    const seven = await model("vllm:m").chat({ messages, params: { n: 7, seed: 10 } });
    expect(server!.requests).toHaveLength(2);
    expect(server!.requests[1]?.body).toMatchObject({ n: 3, seed: 14 });
    expect(seven.choices.slice(0, 4)).toEqual(first.choices);
    expect(seven.samples?.map((part) => part.cached)).toEqual([true, true, true, true, false, false, false]);
    expect(seven.cached).toBe(false);

    // Each sample's entry is the one a request for that sample alone reads.
    const five = await model("vllm:m").chat({ messages, params: { n: 1, seed: 10 }, sampleIndex: 5 });
    expect(five).toMatchObject({ cached: true, choices: [seven.choices[5]] });
    expect(server!.requests).toHaveLength(2);
  });

  it("sends identical requests in flight at the same time only once", async () => {
    server = await startLoopbackServer((request) => ({ ...fresh(request, 0), delayMs: 100 }) as ReturnType<Responder>);
    const instance = model("openai:gpt-4o-mini");
    const [a, b] = await Promise.all([instance.chat({ messages }), instance.chat({ messages })]);
    expect(server.requests).toHaveLength(1);
    expect(a.choices).toEqual(b.choices);
    expect([a.cached, b.cached].sort()).toEqual([false, true]);
  });

  it("leaves no temporary files behind and ignores a stray one from a crash", async () => {
    await startServer();
    const first = await model("openai:gpt-4o-mini").chat({ messages });
    const [entry] = await allFiles(cacheDir);
    expect(entry).toMatch(/\.json$/);
    await writeFile(`${entry}.123.abc.tmp`, '{"key": "trunc');
    const again = await model("openai:gpt-4o-mini").chat({ messages });
    expect(again.choices).toEqual(first.choices);
    expect(server!.requests).toHaveLength(1);
  });

  it("reports a damaged entry with its path instead of guessing", async () => {
    const cache = new ResponseCache(cacheDir);
    const key = responseCacheKey({ provider: "openai", model: "m", endpoint: "chat", messages, params: {}, sampleIndex: 0 });
    await cache.put(key, { choices: [{ text: "t", finishReason: "stop" }], usage: { promptTokens: 1, completionTokens: 1 }, costUsd: 0.1, latencyMs: 5 }, { provider: "openai", model: "m", sampleIndex: 0 });
    await writeFile(cache.pathFor(key), '{"key":');
    const error = await cache.get(key).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptCacheEntryError);
    expect((error as Error).message).toContain(cache.pathFor(key));
  });

  it("survives a writer killed mid-write: every entry on disk is whole", async () => {
    const script = fileURLToPath(new URL("./support/cache-writer.ts", import.meta.url));
    // Run from the package directory, where the tsx loader is installed.
    const packageDir = fileURLToPath(new URL("..", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, cacheDir], { cwd: packageDir, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("written")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const cache = new ResponseCache(cacheDir);
    const entries = (await allFiles(cacheDir)).filter((path) => path.endsWith(".json"));
    expect(entries.length).toBeGreaterThan(0);
    for (const path of entries) {
      const key = basename(path, ".json");
      const entry = await cache.get(key);
      expect(entry?.choices[0]?.text).toHaveLength(2_000_000);
    }
  });
});
