/**
 * n samples per problem in one request, against one request per sample: Direct with n = 10 on
 * HumanEval, run twice through the local engine (generation, then scoring in the sandbox) against
 * the same loopback vLLM-like server. The server takes `n` and answers each request after a fixed
 * delay, whatever its n, as a server with room to spare decodes a request's samples side by side;
 * each answer is the problem's reference solution. The baseline run is the same with
 * `nativeSamples: false`, which sends one request per sample.
 *
 *   pnpm bench:models [--problems 164] [--n 10] [--delay-ms 500] [--concurrency 8] [--data-dir DIR]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createDataset, type Problem } from "@cg/datasets";
import { programText } from "@cg/strategies";
import { LocalEngine, parseRunConfig, type RunSummary } from "../src/index";

const { values } = parseArgs({
  options: {
    problems: { type: "string", default: "164" },
    n: { type: "string", default: "10" },
    "delay-ms": { type: "string", default: "500" },
    concurrency: { type: "string", default: "8" },
    "data-dir": { type: "string" },
  },
});
const problemCount = Number(values.problems);
const n = Number(values.n);
const delayMs = Number(values["delay-ms"]);
const concurrency = Number(values.concurrency);
const dataDir = values["data-dir"] ?? process.env.CG_DATA_DIR;

const suite = await createDataset("humaneval").load(dataDir ? { dataDir } : {});
const problems = suite.problems.slice(0, problemCount);

/** The reference solution of the problem a prompt poses, as a model would fence it. */
function answerTo(prompt: string): string {
  const problem = problems.find((candidate: Problem) => prompt.includes(candidate.prompt.trim()));
  if (!problem) throw new Error(`no HumanEval problem in the prompt: ${prompt.slice(0, 120)}`);
  return `\`\`\`python\n${programText(problem, suite.canonical(problem)!)}\n\`\`\``;
}

interface ServerLog {
  requests: number;
  samples: number;
  firstAt: number;
  lastAt: number;
}

/** A loopback server speaking vLLM's chat format: each request answered after `delayMs`, with `n` choices. */
async function startServer(log: ServerLog): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ id: "bench", object: "model" }] }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { messages: Array<{ content: string }>; n?: number };
      const samples = body.n ?? 1;
      log.requests++;
      log.samples += samples;
      log.firstAt ||= performance.now();
      const text = answerTo(body.messages.at(-1)!.content);
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: `chatcmpl-bench-${log.requests}`,
            object: "chat.completion",
            model: "bench",
            choices: Array.from({ length: samples }, (_, index) => ({ index, message: { role: "assistant", content: text }, finish_reason: "stop" })),
            usage: { prompt_tokens: 200, completion_tokens: 100 * samples, total_tokens: 200 + 100 * samples },
          }),
        );
        log.lastAt = performance.now();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Measure {
  label: string;
  requests: number;
  samples: number;
  /** From the first request to the last answer. */
  modelSeconds: number;
  wallSeconds: number;
  summary: RunSummary;
}

async function measure(label: string, nativeSamples: boolean, engine: LocalEngine, work: string): Promise<Measure> {
  const log: ServerLog = { requests: 0, samples: 0, firstAt: 0, lastAt: 0 };
  const server = await startServer(log);
  try {
    const config = parseRunConfig({
      dataset: "humaneval",
      strategy: "direct",
      model: { spec: "vllm:bench", baseUrl: server.baseUrl, cacheDir: false, nativeSamples },
      n,
      problems: problems.map((problem) => problem.taskId),
      concurrency,
      recheck: false,
      ...(dataDir ? { dataDir } : {}),
      outDir: join(work, label),
    });
    const started = performance.now();
    const summary = await engine.run(config);
    const wallSeconds = (performance.now() - started) / 1000;
    return { label, requests: log.requests, samples: log.samples, modelSeconds: (log.lastAt - log.firstAt) / 1000, wallSeconds, summary };
  } finally {
    await server.close();
  }
}

const work = mkdtempSync(join(tmpdir(), "cg-bench-samples-"));
const engine = new LocalEngine();
try {
  // The baseline first, so that the sandbox pool is warm for both runs alike after its start.
  const perSample = await measure("one request per sample", false, engine, work);
  const perProblem = await measure("one request per problem", true, engine, work);
  console.log(`Direct, n = ${n}, ${problems.length} HumanEval problems, concurrency ${concurrency}, server answers each request after ${delayMs} ms`);
  console.log("");
  const rows = [perSample, perProblem].map((m) => [
    m.label,
    String(m.requests),
    String(m.samples),
    m.modelSeconds.toFixed(2),
    m.wallSeconds.toFixed(2),
    `${(100 * (m.summary["pass@1"] ?? 0)).toFixed(2)}%`,
  ]);
  const header = ["", "requests", "samples", "model s", "wall s", "pass@1"];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join("  "));
  console.log("");
  console.log(`requests, per problem / per sample: ${(perProblem.requests / perSample.requests).toFixed(3)}`);
  console.log(`model time, per problem / per sample: ${(perProblem.modelSeconds / perSample.modelSeconds).toFixed(3)}`);
  console.log(`wall time, per problem / per sample: ${(perProblem.wallSeconds / perSample.wallSeconds).toFixed(3)}`);
} finally {
  await engine.close();
  rmSync(work, { recursive: true, force: true });
}
