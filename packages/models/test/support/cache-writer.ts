/**
 * Child process for the crash test: writes large cache entries as fast as it can until it
 * is killed (or, as a bound, for ten seconds). Prints "written" after the first entry.
 */
import { ResponseCache } from "../../src/response-cache.js";

const [dir] = process.argv.slice(2);
if (!dir) throw new Error("usage: cache-writer.ts DIR");
const cache = new ResponseCache(dir);
const text = "x".repeat(2_000_000);
const deadline = Date.now() + 10_000;

for (let i = 0; Date.now() < deadline; i++) {
  const key = i.toString(16).padStart(64, "0");
  await cache.put(key, { choices: [{ text, finishReason: "stop" }], usage: { promptTokens: 1, completionTokens: 1 }, costUsd: null, latencyMs: 1 }, { provider: "p", model: "m", sampleIndex: i });
  if (i === 0) process.stdout.write("written\n");
}
