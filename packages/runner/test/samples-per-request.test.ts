import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset } from "@cg/datasets";
import { createChatModel, type ChatResponse } from "@cg/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEngine, parseRunConfig, SharedFirstCalls, type GeneratedSampleResult, type RunConfigInput, type TraceLine } from "../src/index";
import { testDataDir } from "./support/data-dir";
import { ProblemBook, strategyAnswer } from "./support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback, type SeenRequest } from "./support/openai-loopback";

let book: ProblemBook;
let engine: LocalEngine;
let work: string;
const servers: OpenAiLoopback[] = [];

beforeAll(async () => {
  const suite = await createDataset("humaneval").load({ dataDir: testDataDir() });
  book = new ProblemBook(suite, suite.problems.slice(0, 5));
  engine = new LocalEngine({ sandbox: { workers: 2 } });
  work = mkdtempSync(join(tmpdir(), "cg-samples-per-request-"));
});

afterAll(async () => {
  await engine.close();
  await Promise.all(servers.map((server) => server.close()));
});

/** A vLLM-like server: `n` samples per request, each text its own; right code for even samples, wrong for odd ones. */
async function vllmServer(): Promise<OpenAiLoopback> {
  const server = await startOpenAiLoopback((request) => {
    const problem = book.problemIn(request.prompt);
    const first = request.seed! - 100;
    const texts = Array.from({ length: request.n }, (_, offset) => {
      const code = `${(first + offset) % 2 === 0 ? book.rightCode(problem) : book.wrongCode(problem)}\n# sample ${first + offset}`;
      return strategyAnswer(request.prompt, problem, code, book.rightCode(problem));
    });
    return { text: texts[0]!, texts };
  });
  servers.push(server);
  return server;
}

function config(name: string, server: OpenAiLoopback, overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: "humaneval",
    strategy: "direct",
    model: { spec: "vllm:loopback", baseUrl: server.baseUrl, cacheDir: join(work, name, "cache") },
    n: 4,
    sampling: { seed: 100 },
    problems: book.problems.map((p) => p.taskId),
    concurrency: 3,
    dataDir: testDataDir(),
    outDir: join(work, name, "run"),
    ...overrides,
  };
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as T);
}

describe("n samples in one request", () => {
  it("asks for a problem's n samples in one request, and keeps each sample's answer, tokens and trace its own", async () => {
    const server = await vllmServer();
    const summary = await engine.run(parseRunConfig(config("direct", server)));
    expect(server.requests.map((request) => [book.problemIn(request.prompt).taskId, request.n, request.seed])).toEqual(
      book.problems.map((p) => [p.taskId, 4, 100]),
    );
    const dir = join(work, "direct", "run");
    const results = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    expect(results).toHaveLength(20);
    for (const result of results) {
      expect(result.passed, `${result.task_id}#${result.sample_index}`).toBe(result.sample_index % 2 === 0);
      expect(result.code).toContain(`# sample ${result.sample_index}`);
      expect(result.model_calls).toBe(1);
    }
    expect(summary["pass@1"]).toBe(0.5);

    // Each request's usage is divided among its samples: per problem, the sums are what the server reported.
    const trace = readJsonl<TraceLine>(join(dir, "trace.jsonl")).flatMap((line) => (line.type === "model_call" ? [line] : []));
    expect(trace).toHaveLength(20);
    for (const request of server.requests) {
      const taskId = book.problemIn(request.prompt).taskId;
      const lines = trace.filter((line) => line.task_id === taskId);
      const samples = results.filter((result) => result.task_id === taskId);
      expect(lines.map((line) => line.sample_index).sort()).toEqual([0, 1, 2, 3]);
      expect(samples.reduce((sum, result) => sum + result.tokens_in, 0)).toBe(Math.ceil(request.prompt.length / 4));
      expect(samples.reduce((sum, result) => sum + result.tokens_out, 0)).toBe(lines.reduce((sum, line) => sum + Math.ceil(line.text.length / 4), 0));
      for (const line of lines) {
        expect(line.text).toContain(`# sample ${line.sample_index}`);
        expect(line.cached).toBe(false);
        const result = samples.find((r) => r.sample_index === line.sample_index)!;
        expect([result.tokens_in, result.tokens_out]).toEqual([line.usage.promptTokens, line.usage.completionTokens]);
      }
    }

    // A new run with the same cache sends nothing: every sample was stored under its own index.
    await engine.run(parseRunConfig(config("direct", server, { outDir: join(work, "direct", "again") })));
    expect(server.requests).toHaveLength(5);
  });

  it("shares only the first call: each sample then goes on alone", async () => {
    const server = await vllmServer();
    await engine.run(parseRunConfig(config("self-planning", server, { strategy: "self-planning", n: 3, problems: [book.problems[0]!.taskId] })));
    expect(server.requests.map((request) => request.n)).toEqual([3, 1, 1, 1]);
    expect(server.requests.slice(1).map((request) => request.seed).sort()).toEqual([100, 101, 102]);
  });

  it("sends one request per sample where the server does not take n", async () => {
    const server = await vllmServer();
    await engine.run(parseRunConfig(config("one-by-one", server, { model: { spec: "vllm:loopback", baseUrl: server.baseUrl, cacheDir: false, nativeSamples: false }, n: 2, problems: [book.problems[0]!.taskId] })));
    expect(server.requests.map((request) => [request.n, request.seed])).toEqual([
      [1, 100],
      [1, 101],
    ]);
  });
});

describe("SharedFirstCalls", () => {
  it("asks for the samples still to generate, one request per unbroken run of indexes, each finding its part waiting", async () => {
    const server = await startOpenAiLoopback((request) => ({ text: "", texts: Array.from({ length: request.n }, (_, offset) => `answer ${request.seed! + offset}`) }));
    servers.push(server);
    const model = createChatModel("vllm:m", { baseUrl: server.baseUrl, env: {}, cacheDir: false });
    const shared = new SharedFirstCalls(model, [1, 2, 3, 5]);
    const ask = (sample: number, content = "Write f.", sampleIndex = sample): Promise<ChatResponse> =>
      shared.modelFor(sample).chat({ messages: [{ role: "user", content }], params: { seed: 0, n: 1 }, sampleIndex });

    const three = await ask(3);
    expect(three.choices).toEqual([{ text: "answer 3", finishReason: "stop" }]);
    const [one, two, five] = await Promise.all([ask(1), ask(2), ask(5)]);
    expect([one, two, five].map((response) => response.choices[0]!.text)).toEqual(["answer 1", "answer 2", "answer 5"]);
    expect(server.requests.map((request: SeenRequest) => [request.n, request.seed]).sort()).toEqual([
      [1, 5],
      [3, 1],
    ]);
    // Later calls, and a call repeated under another index, are each sample's own.
    await ask(1, "Now fix it.");
    await ask(2, "Write f.", 1_000_002);
    expect(server.requests.slice(2).map((request) => [request.n, request.seed, request.prompt])).toEqual([
      [1, 1, "Now fix it."],
      [1, 1_000_002, "Write f."],
    ]);
  });

  it("gives a sample whose first call differs from the one prepared for it an answer of its own", async () => {
    const server = await startOpenAiLoopback((request) => ({ text: `answer to ${request.prompt}` }));
    servers.push(server);
    const shared = new SharedFirstCalls(createChatModel("vllm:m", { baseUrl: server.baseUrl, env: {}, cacheDir: false }), [0, 1]);
    const ask = (sample: number, content: string) => shared.modelFor(sample).chat({ messages: [{ role: "user", content }], params: { n: 1 }, sampleIndex: sample });
    await ask(0, "A");
    const other = await ask(1, "B");
    expect(other.choices[0]!.text).toBe("answer to B");
    expect(server.requests.map((request) => [request.prompt, request.n])).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
  });

  it("fails every sample of a shared request that failed, each when it asks", async () => {
    const server = await startOpenAiLoopback(() => ({ status: 400, message: "bad request" }));
    servers.push(server);
    const shared = new SharedFirstCalls(createChatModel("vllm:m", { baseUrl: server.baseUrl, env: {}, cacheDir: false, retry: { maxRetries: 0 } }), [0, 1, 2]);
    const ask = (sample: number) => shared.modelFor(sample).chat({ messages: [{ role: "user", content: "x" }], params: { n: 1 }, sampleIndex: sample });
    await expect(ask(0)).rejects.toThrow(/HTTP 400/);
    await expect(ask(2)).rejects.toThrow(/HTTP 400/);
    expect(server.requests).toHaveLength(1);
  });
});
