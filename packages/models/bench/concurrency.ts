/**
 * Shows that the client keeps its configured concurrency busy: a loopback OpenAI-compatible
 * server answers every request after a fixed delay, and N requests at concurrency C should
 * take about ceil(N / C) delays, not N.
 *
 *   pnpm bench:models [--requests 164] [--concurrency 64] [--delay-ms 1000]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createChatModel } from "../src/index.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "164" },
    concurrency: { type: "string", default: "64" },
    "delay-ms": { type: "string", default: "1000" },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const delayMs = Number(values["delay-ms"]);

let inFlight = 0;
let maxInFlight = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-bench",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: "bench",
          choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
        }),
      );
    }, delayMs);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

const model = createChatModel("openai-compatible:bench", {
  baseUrl: `http://127.0.0.1:${port}/v1`,
  env: {},
  cacheDir: false,
  limits: { concurrency },
  retry: { maxRetries: 0 },
});

const started = performance.now();
await Promise.all(Array.from({ length: requests }, (_, i) => model.chat({ messages: [{ role: "user", content: `request ${i}` }], sampleIndex: i })));
const elapsedMs = performance.now() - started;
server.close();

const idealMs = Math.ceil(requests / concurrency) * delayMs;
console.log(`${requests} requests, concurrency ${concurrency}, server delay ${delayMs} ms`);
console.log(`elapsed:        ${(elapsedMs / 1000).toFixed(3)} s`);
console.log(`ideal:          ${(idealMs / 1000).toFixed(3)} s  (ceil(${requests}/${concurrency}) x ${delayMs} ms)`);
console.log(`ratio to ideal: ${(elapsedMs / idealMs).toFixed(3)}`);
console.log(`max in flight:  ${maxInFlight}`);
