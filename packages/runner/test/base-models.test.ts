import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, HUMANEVAL_STOP } from "@cg/datasets";
import { UnsupportedParameterError } from "@cg/models";
import { EndpointNotSupportedError } from "@cg/strategies";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEngine, ModelUnavailableError, parseRunConfig, RunConfigError, type GeneratedSampleResult, type RunConfigInput, type SavedRunConfig } from "../src/index";
import { testDataDir } from "./support/data-dir";
import { startOpenAiLoopback, type OpenAiLoopback, type Responder } from "./support/openai-loopback";

let engine: LocalEngine;
let work: string;
const servers: OpenAiLoopback[] = [];

beforeAll(() => {
  engine = new LocalEngine({ sandbox: { workers: 2 } });
  work = mkdtempSync(join(tmpdir(), "cg-base-models-"));
});

afterAll(async () => {
  await engine.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(respond: Responder, models?: string[]): Promise<OpenAiLoopback> {
  const server = await startOpenAiLoopback(respond, models ? { models } : {});
  servers.push(server);
  return server;
}

function config(name: string, server: OpenAiLoopback, overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: "humaneval",
    strategy: "verbatim",
    endpoint: "completions",
    model: { spec: "vllm:base", baseUrl: server.baseUrl, cacheDir: false },
    n: 2,
    limit: 3,
    dataDir: testDataDir(),
    outDir: join(work, name),
    ...overrides,
  };
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as T);
}

describe("a base model on the completions endpoint", () => {
  it("continues HumanEval's raw prompts up to the bigcode harness's stop sequences, and its continuations score", async () => {
    const suite = await createDataset("humaneval").load({ dataDir: testDataDir() });
    const problems = suite.problems.slice(0, 3);
    // The reference body, then more than the harness wants: a server that did not stop.
    const server = await serve((request) => {
      const problem = problems.find((p) => p.prompt === request.prompt)!;
      return { text: `${suite.canonical(problem)!.code}\n\ndef helper():\n    return 0\n` };
    }, ["base"]);
    const summary = await engine.run(parseRunConfig(config("humaneval", server)));
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((request) => request.prompt).sort()).toEqual(problems.map((p) => p.prompt).sort());
    for (const request of server.requests) {
      expect(request.path).toBe("/v1/completions");
      expect(request.body).toEqual({ model: "base", prompt: request.prompt, temperature: 0.8, stop: HUMANEVAL_STOP, n: 2 });
    }
    const results = readJsonl<GeneratedSampleResult>(join(work, "humaneval", "results.jsonl"));
    expect(results).toHaveLength(6);
    for (const result of results) {
      expect(result).toMatchObject({ passed: true, candidate_kind: "completion" });
      expect(result.code).not.toContain("helper");
    }
    expect(summary["pass@1"]).toBe(1);
    const saved = JSON.parse(readFileSync(join(work, "humaneval", "config.json"), "utf8")) as SavedRunConfig;
    expect(saved.identity).toMatchObject({ endpoint: "completions", strategy: "verbatim" });
  });

  it("prompts MBPP with the paper's three examples and scores the code up to [DONE]", async () => {
    const suite = await createDataset("mbpp").load({ dataDir: testDataDir() });
    const problems = suite.problems.slice(0, 2);
    const server = await serve((request) => {
      const problem = problems.find((p) => p.completionPrompt!.text === request.prompt)!;
      return { text: `${suite.canonical(problem)!.code}\n[DONE]\n\nYou are an expert Python programmer, and here is your task: more` };
    });
    const summary = await engine.run(parseRunConfig(config("mbpp", server, { dataset: "mbpp", n: 1, limit: 2 })));
    expect(server.requests.map((request) => [request.prompt.split("[BEGIN]").length - 1, request.body.stop])).toEqual([
      [4, ["[DONE]"]],
      [4, ["[DONE]"]],
    ]);
    expect(summary).toMatchObject({ "pass@1": 1, samples: 2 });
  });

  it("refuses a strategy that converses, and a dataset without a prompt for base models, before any request", async () => {
    const server = await serve(() => ({ text: "" }));
    await expect(engine.run(parseRunConfig(config("direct", server, { strategy: "direct" })))).rejects.toBeInstanceOf(EndpointNotSupportedError);
    const noPrompt = engine.run(parseRunConfig(config("et", server, { dataset: "humaneval-et" })));
    await expect(noPrompt).rejects.toBeInstanceOf(RunConfigError);
    await expect(noPrompt).rejects.toThrow(/humaneval-et has no prompt for base models, so it cannot be run on the completions endpoint/);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(join(work, "direct"))).toBe(false);
  });
});

describe("before the first sample", () => {
  it("refuses a sampling parameter the provider does not take", async () => {
    const server = await serve(() => ({ text: "" }));
    const run = config("groq", server, {
      endpoint: "chat",
      strategy: "direct",
      model: { spec: "groq:llama-3.3-70b-versatile", baseUrl: server.baseUrl, cacheDir: false },
      sampling: { presencePenalty: 1.5 },
    });
    await expect(engine.run(parseRunConfig(run))).rejects.toBeInstanceOf(UnsupportedParameterError);
    await expect(engine.run(parseRunConfig(run))).rejects.toThrow(/Provider "groq" does not support the sampling parameter "presencePenalty"/);
    expect(existsSync(join(work, "groq"))).toBe(false);
  });

  it("stops at once, with no sample recorded, when the server is not running", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const started = performance.now();
    const run = engine.run(parseRunConfig({ ...config("down", await serve(() => ({ text: "" }))), model: { spec: "vllm:base", baseUrl, cacheDir: false } }));
    await expect(run).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(run).rejects.toThrow(/^cannot reach vllm:base at http:\/\/127\.0\.0\.1:\d+\/v1 \(.*ECONNREFUSED.*\); check --base-url and that the server is running/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(readFileSync(join(work, "down", "results.jsonl"), "utf8")).toBe("");
  });

  it("stops when the server does not serve the model, naming those it does", async () => {
    const server = await serve(() => ({ text: "" }), ["Qwen/Qwen2.5-Coder-7B"]);
    const run = engine.run(parseRunConfig(config("not-served", server)));
    await expect(run).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(run).rejects.toThrow(/does not serve the model of vllm:base: it serves Qwen\/Qwen2.5-Coder-7B/);
    expect(server.requests).toHaveLength(0);
  });
});
