import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, HUMANEVAL_STOP } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemBook, strategyAnswer } from "../../../packages/runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback, type Responder } from "../../../packages/runner/test/support/openai-loopback";
import { runCli } from "./run-cli";

const QWEN3 = "Qwen/Qwen3-8B";
let humaneval: ProblemBook;
let work: string;
const servers: OpenAiLoopback[] = [];

beforeAll(async () => {
  const suite = await createDataset("humaneval").load();
  humaneval = new ProblemBook(suite, suite.problems.slice(0, 5));
  work = mkdtempSync(join(tmpdir(), "cg-sampling-"));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A vLLM-like server serving `model`: right code for every sample asked for. */
async function vllm(model = QWEN3, respond?: Responder): Promise<OpenAiLoopback> {
  const server = await startOpenAiLoopback(
    respond ??
      ((request) => {
        const problem = humaneval.problemIn(request.prompt);
        return { text: strategyAnswer(request.prompt, problem, humaneval.rightCode(problem), humaneval.rightCode(problem)) };
      }),
    { models: [model] },
  );
  servers.push(server);
  return server;
}

// The cg prompt profile adds no sampling of its own (the reference profile adds the papers'
// max_tokens and zero penalties), so a request carries exactly the knobs given.
function run(server: OpenAiLoopback, name: string, ...extra: string[]) {
  return runCli(["run", "--model", `vllm:${QWEN3}`, "--base-url", server.baseUrl, "--dataset", "humaneval", "--prompts", "cg", "--workers", "2", "--out", join(work, name), ...extra], {
    CG_CACHE_DIR: join(work, `${name}-cache`),
  });
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The Qwen3 model card's non-thinking recipe, as flags. */
const QWEN3_RECIPE = ["--temperature", "0.7", "--top-p", "0.8", "--top-k", "20", "--presence-penalty", "1.5", "--chat-template-kwargs", '{"enable_thinking": false}'];

describe("sampling flags of cg run", () => {
  it("sends the whole Qwen3 recipe, exactly, in every request, and records it as part of the run's identity", async () => {
    const server = await vllm();
    const result = await run(server, "qwen3", "--limit", "3", ...QWEN3_RECIPE);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      const { messages, ...rest } = request.body;
      expect(messages).toEqual([{ role: "user", content: request.prompt }]);
      expect(rest).toEqual({
        model: QWEN3,
        temperature: 0.7,
        top_p: 0.8,
        top_k: 20,
        presence_penalty: 1.5,
        chat_template_kwargs: { enable_thinking: false },
      });
    }
    const sampling = { temperature: 0.7, topP: 0.8, topK: 20, presencePenalty: 1.5, chatTemplateKwargs: { enable_thinking: false } };
    const saved = JSON.parse(readFileSync(join(work, "qwen3", "config.json"), "utf8")) as { identity: { sampling: unknown }; config: { sampling: unknown } };
    expect(saved.identity.sampling).toEqual(sampling);
    expect(saved.config.sampling).toEqual(sampling);

    // Another value of any knob is another run.
    const other = await run(server, "qwen3", "--limit", "3", ...QWEN3_RECIPE, "--presence-penalty", "1.0");
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds results of a different run \(sampling differ\)/);
  });

  it("sends every other knob under the server's names, and extra body members as given", async () => {
    const server = await vllm();
    const result = await run(
      server,
      "knobs",
      "--limit",
      "1",
      "--min-p",
      "0.05",
      "--frequency-penalty",
      "-0.5",
      "--repetition-penalty",
      "1.1",
      "--seed",
      "7",
      "--stop",
      "\n\n\n",
      "--stop",
      "</answer>",
      "--max-tokens",
      "2048",
      "--reasoning-effort",
      "low",
      "--extra-body",
      '{"skip_special_tokens": false, "guided_decoding_backend": "xgrammar"}',
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const { messages: _messages, ...rest } = server.requests[0]!.body;
    expect(rest).toEqual({
      model: QWEN3,
      temperature: 0,
      min_p: 0.05,
      frequency_penalty: -0.5,
      repetition_penalty: 1.1,
      seed: 7,
      stop: ["\n\n\n", "</answer>"],
      max_tokens: 2048,
      reasoning_effort: "low",
      skip_special_tokens: false,
      guided_decoding_backend: "xgrammar",
    });
  });

  it("asks for n samples in one request per problem: --n 4 with Direct on 5 problems is 5 requests for 4 each", async () => {
    const server = await vllm();
    const result = await run(server, "n4", "--limit", "5", "--n", "4", "--k", "1,4");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(server.requests.map((request) => request.n)).toEqual([4, 4, 4, 4, 4]);
    expect(new Set(server.requests.map((request) => humaneval.problemIn(request.prompt).taskId)).size).toBe(5);
    expect(readJsonl(join(work, "n4", "results.jsonl"))).toHaveLength(20);
    expect(result.stdout).toMatch(/pass@1\s+100\.00%/);
  });

  it("has a base model continue raw prompts with the reference stop sequences on --endpoint completions, and scores the continuations", async () => {
    const suite = await createDataset("humaneval").load();
    const problems = suite.problems.slice(0, 3);
    const server = await vllm("Qwen/Qwen2.5-Coder-7B", (request) => {
      const problem = problems.find((p) => p.prompt === request.prompt)!;
      return { text: `${suite.canonical(problem)!.code}\n\nif __name__ == "__main__":\n    print("done")\n` };
    });
    const result = await runCli(
      ["run", "--model", "vllm:Qwen/Qwen2.5-Coder-7B", "--base-url", server.baseUrl, "--endpoint", "completions", "--strategy", "verbatim", "--dataset", "humaneval", "--limit", "3", "--workers", "2", "--out", join(work, "base")],
      { CG_CACHE_DIR: join(work, "base-cache") },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // Problems are asked for concurrently: the order of arrival is not theirs.
    const byPrompt = (a: [string, unknown], b: [string, unknown]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(server.requests.map((request): [string, unknown] => [request.path, request.body]).sort(byPrompt)).toEqual(
      problems.map((problem): [string, unknown] => ["/v1/completions", { model: "Qwen/Qwen2.5-Coder-7B", prompt: problem.prompt, temperature: 0, stop: HUMANEVAL_STOP }]).sort(byPrompt),
    );
    expect(result.stdout).toMatch(/pass@1\s+100\.00%/);
    for (const line of readJsonl(join(work, "base", "results.jsonl"))) expect(line.code).not.toContain("__main__");

    const chatty = await runCli(["run", "--model", "vllm:Qwen/Qwen2.5-Coder-7B", "--base-url", server.baseUrl, "--endpoint", "completions", "--dataset", "humaneval"]);
    expect(chatty.code).toBe(2);
    expect(chatty.stderr).toBe('cg: Strategy "direct" needs a chat endpoint: it converses with the model, which a base model on the completions endpoint cannot do; strategies that work with the completions endpoint: verbatim.\n');
  });

  it("refuses, before any request, a knob the provider does not take, naming provider and knob", async () => {
    const server = await vllm();
    const result = await runCli(
      ["run", "--model", "groq:llama-3.3-70b-versatile", "--base-url", server.baseUrl, "--dataset", "humaneval", "--presence-penalty", "1.5", "--out", join(work, "groq")],
      { GROQ_API_KEY: "gsk-test" },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cg: Provider "groq" does not support the sampling parameter "presencePenalty": remove it \(groq takes .*\)\.\n$/);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses malformed sampling flags with one line", async () => {
    const server = await vllm();
    const cases: Array<[string[], RegExp]> = [
      [["--extra-body", "{guided: 1}"], /--extra-body must be a JSON object such as '\{"enable_thinking": false\}'; "\{guided: 1\}" is not JSON/],
      [["--chat-template-kwargs", "[1]"], /--chat-template-kwargs must be a JSON object/],
      [["--presence-penalty", "3"], /invalid command line: sampling\.presencePenalty: /],
      [["--reasoning-effort", "max"], /invalid command line: sampling\.reasoningEffort: /],
      [["--endpoint", "embeddings"], /--endpoint must be "chat" or "completions", got "embeddings"/],
    ];
    for (const [flags, message] of cases) {
      const result = await run(server, "bad-flags", ...flags);
      expect(result.code, flags.join(" ")).toBe(2);
      expect(result.stderr, flags.join(" ")).toMatch(message);
      expect(result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("Usage") && !line.startsWith("(")).length, flags.join(" ")).toBeLessThanOrEqual(1);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("the model's server, checked before the first sample", () => {
  /** A TCP server that accepts connections and never answers. */
  async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}/v1`,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it("reports a server that is not there, or does not answer, in under 5 s with one line and exit 2", async () => {
    // What starting node and loading the packages takes on this machine, which may be loaded: a
    // run refused while its configuration is read, before the dataset or the server.
    const startedBaseline = performance.now();
    const baseline = await runCli(["run", "--model", "vllm:m", "--base-url", "localhost:1", "--dataset", "humaneval"]);
    const startup = performance.now() - startedBaseline;
    expect(baseline.code).toBe(2);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = `http://127.0.0.1:${port}/v1`;
    const silent = await silentServer();
    try {
      for (const [baseUrl, reason] of [
        [refused, /\(fetch failed: connect ECONNREFUSED/],
        [silent.url, /\(no answer to GET \/models within 2 s\)/],
      ] as const) {
        const started = performance.now();
        const result = await runCli(["run", "--model", "vllm:m", "--base-url", baseUrl, "--dataset", "humaneval", "--out", join(work, `down-${port}-${baseUrl.length}`)]);
        expect(performance.now() - started - startup, baseUrl).toBeLessThan(5_000);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(new RegExp(`^cg: cannot reach vllm:m at ${baseUrl.replace(/[./]/g, "\\$&")} `));
        expect(result.stderr).toMatch(reason);
        expect(result.stderr).toMatch(/check --base-url and that the server is running, then rerun the same command\n$/);
        expect(result.stderr.split("\n")).toHaveLength(2);
      }
    } finally {
      await silent.close();
    }
  });

  it("names the models a server serves when it does not serve the one asked for", async () => {
    const server = await vllm("Qwen/Qwen3-4B");
    const result = await run(server, "not-served");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`cg: The server at ${server.baseUrl} does not serve the model of vllm:${QWEN3}: it serves Qwen/Qwen3-4B; e.g. --model vllm:Qwen/Qwen3-4B.\n`);
    expect(server.requests).toHaveLength(0);
  });

  it("shows the fix for a server address without http://", async () => {
    const result = await runCli(["run", "--model", "vllm:m", "--base-url", "localhost:8000/v1", "--dataset", "humaneval"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('cg: invalid command line: model.baseUrl: "localhost:8000/v1" is not an http(s) server address; write it with its scheme: http://localhost:8000/v1\n');
    const fromEnv = await runCli(["run", "--model", "vllm:m", "--dataset", "humaneval"], { VLLM_BASE_URL: "gpu-box:8000" });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toBe('cg: Invalid server address (--base-url / baseUrl): "gpu-box:8000" is not an http(s) server address; write it with its scheme: http://gpu-box:8000.\n');
  });
});
