import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { claimRunDirectory, defaultRunDirectory, expandSweep, loadSweepFile, parseRunConfig, planRun, runId, RunConfigError, type RunIdentity } from "../src/index";

const base = { dataset: "humaneval", strategy: "direct", model: { spec: "openai:gpt-4o-mini" } };

describe("parseRunConfig", () => {
  it("samples greedily for one sample and at 0.8 for several, unless told otherwise", () => {
    expect(parseRunConfig(base).sampling.temperature).toBe(0);
    expect(parseRunConfig({ ...base, n: 5 }).sampling.temperature).toBe(0.8);
    expect(parseRunConfig({ ...base, n: 5, sampling: { temperature: 0.2 } }).sampling.temperature).toBe(0.2);
  });

  it("refuses several samples at temperature 0, and unknown or malformed settings", () => {
    expect(() => parseRunConfig({ ...base, n: 3, sampling: { temperature: 0 } })).toThrow(/sampling\.temperature: 3 samples at temperature 0 would be copies/);
    expect(() => parseRunConfig({ ...base, samples: 3 })).toThrow(RunConfigError);
    expect(() => parseRunConfig({ ...base, model: { spec: "openai:x", baseUrl: "not a url" } })).toThrow(/model\.baseUrl/);
    expect(() => parseRunConfig({ ...base, model: { spec: "openai:x", apiKeyEnv: "sk-123" } })).toThrow(/apiKeyEnv: must be an environment variable name/);
    expect(() => parseRunConfig({ ...base, sampling: { n: 2 } })).toThrow(/sampling/);
  });

  it("takes every sampling parameter, the endpoint, and a server address only with its scheme", () => {
    const sampling = {
      temperature: 0.7,
      topP: 0.8,
      topK: 20,
      minP: 0,
      presencePenalty: 1.5,
      frequencyPenalty: -0.5,
      repetitionPenalty: 1.05,
      seed: 3,
      stop: ["\n\n"],
      maxTokens: 512,
      chatTemplateKwargs: { enable_thinking: false },
      reasoningEffort: "low" as const,
      thinkingBudget: 1024,
      extraBody: { guided_choice: ["a"] },
    };
    expect(parseRunConfig({ ...base, sampling }).sampling).toEqual(sampling);
    expect(parseRunConfig(base).endpoint).toBe("chat");
    expect(parseRunConfig({ ...base, endpoint: "completions" }).endpoint).toBe("completions");
    expect(() => parseRunConfig({ ...base, endpoint: "embeddings" })).toThrow(/endpoint/);
    expect(() => parseRunConfig({ ...base, sampling: { presencePenalty: 3 } })).toThrow(/sampling\.presencePenalty/);
    expect(() => parseRunConfig({ ...base, model: { spec: "vllm:m", baseUrl: "localhost:8000/v1" } }, "command line")).toThrow(
      'invalid command line: model.baseUrl: "localhost:8000/v1" is not an http(s) server address; write it with its scheme: http://localhost:8000/v1',
    );
  });

  it("checks the dataset options' contest-date window", () => {
    expect(parseRunConfig({ ...base, datasetOptions: { since: "2024-08-01" } }).datasetOptions).toEqual({ since: "2024-08-01" });
    expect(() => parseRunConfig({ ...base, datasetOptions: { since: "2024-8-1" } }, "command line")).toThrow(
      /^invalid command line: datasetOptions\.since: must be a day written YYYY-MM-DD/,
    );
    expect(() => parseRunConfig({ ...base, datasetOptions: { since: "2025-01-01", until: "2024-01-01" } })).toThrow(/datasetOptions\.until: the contest-date window is empty/);
    expect(() => parseRunConfig({ ...base, datasetOptions: { from: "2024-01-01" } })).toThrow(/datasetOptions: .*from/);
  });
});

describe("sweeps", () => {
  it("expand to every dataset × strategy × model with the shared settings", () => {
    const runs = expandSweep(
      loadSweepFileFrom({
        datasets: ["humaneval", "mbpp"],
        strategies: ["direct", { name: "codesim", options: { maxPlanTry: 2 } }],
        models: ["openai:gpt-4o-mini", { spec: "openai-compatible:qwen", baseUrl: "http://127.0.0.1:8000/v1" }],
        n: 2,
        limit: 5,
      }),
    );
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => `${r.dataset} ${r.strategy} ${r.model.spec}`)).toEqual([
      "humaneval direct openai:gpt-4o-mini",
      "humaneval direct openai-compatible:qwen",
      "humaneval codesim openai:gpt-4o-mini",
      "humaneval codesim openai-compatible:qwen",
      "mbpp direct openai:gpt-4o-mini",
      "mbpp direct openai-compatible:qwen",
      "mbpp codesim openai:gpt-4o-mini",
      "mbpp codesim openai-compatible:qwen",
    ]);
    expect(runs[2]).toMatchObject({ strategyOptions: { maxPlanTry: 2 }, n: 2, limit: 5, sampling: { temperature: 0.8 } });
    expect(runs[1]!.model.baseUrl).toBe("http://127.0.0.1:8000/v1");
  });

  it("give every strategy that has a prompt profile the sweep's, unless its own options choose one", () => {
    const runs = expandSweep(
      loadSweepFileFrom({
        datasets: ["humaneval"],
        strategies: ["direct", { name: "codesim", options: { prompts: "reference" } }, "verbatim"],
        models: ["openai:gpt-4o-mini"],
        prompts: "cg",
      }),
    );
    expect(runs.map((r) => r.strategyOptions)).toEqual([{ prompts: "cg" }, { prompts: "reference" }, {}]);
    expect(() => loadSweepFileFrom({ datasets: ["humaneval"], strategies: ["direct"], models: ["openai:gpt-4o-mini"], prompts: "paper" })).toThrow(/prompts/);
  });

  it("give every run the sweep's dataset options", () => {
    const runs = expandSweep(loadSweepFileFrom({ datasets: ["livecodebench-v5", "livecodebench-v6"], strategies: ["direct"], models: ["openai:x"], datasetOptions: { since: "2024-08-01" } }));
    expect(runs.map((r) => r.datasetOptions)).toEqual([{ since: "2024-08-01" }, { since: "2024-08-01" }]);
  });

  it("report what is wrong with a sweep file, naming the file", () => {
    const folder = mkdtempSync(join(tmpdir(), "cg-sweep-"));
    const broken = join(folder, "broken.json");
    writeFileSync(broken, "{ datasets: [");
    expect(() => loadSweepFile(broken)).toThrow(new RegExp(`${broken} is not valid JSON`));
    expect(() => loadSweepFile(join(folder, "missing.json"))).toThrow(/cannot read the sweep file .*missing.json/);
    const invalid = join(folder, "invalid.json");
    writeFileSync(invalid, JSON.stringify({ datasets: [], strategies: ["direct"], models: ["openai:x"], n: 0 }));
    expect(() => loadSweepFile(invalid)).toThrow(/invalid .*invalid.json: datasets: .*; n: /);
  });
});

describe("run identity", () => {
  const identity: RunIdentity = {
    dataset: "humaneval",
    strategy: "codesim",
    strategy_options: { maxPlanTry: 5, debug: true },
    model: "vllm:Qwen/Qwen3-8B",
    sampling: { temperature: 0.8, maxTokens: 1024 },
    n: 10,
    problems: ["HumanEval/0", "HumanEval/1"],
    timeout_seconds: 3,
  };

  it("has an id that ignores key order and changes with any setting", () => {
    const reordered: RunIdentity = { ...identity, strategy_options: { debug: true, maxPlanTry: 5 } };
    expect(runId(reordered)).toBe(runId(identity));
    expect(runId({ ...identity, n: 11 })).not.toBe(runId(identity));
    expect(runId({ ...identity, strategy_options: { maxPlanTry: 4, debug: true } })).not.toBe(runId(identity));
    expect(runId(identity)).toMatch(/^[0-9a-f]{12}$/);
  });

  it("records dataset options only when given, and refuses to resume a run with other options", async () => {
    const fixtures = fileURLToPath(new URL("../../datasets/test/fixtures", import.meta.url));
    // The fixtures hold no reference sources: the cg prompt profile reads none.
    const lcb = { ...base, strategyOptions: { prompts: "cg" }, dataset: "livecodebench-v2", model: { spec: "openai-compatible:x", baseUrl: "http://127.0.0.1:9/v1" }, dataDir: fixtures };
    const plan = async (datasetOptions?: { since?: string; until?: string }) =>
      planRun(parseRunConfig(datasetOptions === undefined ? lcb : { ...lcb, datasetOptions }), {});
    const whole = await plan();
    const since = await plan({ since: "2024-01-01" });
    const wider = await plan({ since: "2023-01-01" });
    expect(whole.problems.map((p) => p.taskId)).toEqual(["abc900_a", "9001", "1900A"]);
    expect(since.problems.map((p) => p.taskId)).toEqual(["9001", "1900A"]);
    expect("dataset_options" in whole.identity).toBe(false);
    expect(since.identity.dataset_options).toEqual({ since: "2024-01-01" });
    // Same problems as the whole release, but a different run: the window is part of what it measures.
    expect(wider.identity.problems).toEqual(whole.identity.problems);
    expect(wider.runId).not.toBe(whole.runId);
    expect(since.outDir).not.toBe(whole.outDir);

    const dir = mkdtempSync(join(tmpdir(), "cg-identity-"));
    claimRunDirectory(dir, wider.identity, wider.config);
    expect(() => claimRunDirectory(dir, since.identity, since.config)).toThrow(/holds results of a different run \(dataset_options, problems differ\)/);
    expect(() => claimRunDirectory(dir, whole.identity, whole.config)).toThrow(/holds results of a different run \(dataset_options differ\)/);
    expect(() => claimRunDirectory(dir, wider.identity, wider.config)).not.toThrow();
  });

  it("names the completions endpoint only when a run uses it, so that chat runs keep their id", async () => {
    const plan = (endpoint: "chat" | "completions") =>
      planRun(parseRunConfig({ ...base, strategy: "verbatim", endpoint, model: { spec: "vllm:m", baseUrl: "http://127.0.0.1:9/v1" }, limit: 1 }), {});
    const chat = await plan("chat");
    const completions = await plan("completions");
    expect("endpoint" in chat.identity).toBe(false);
    expect(completions.identity.endpoint).toBe("completions");
    expect(completions.runId).not.toBe(chat.runId);
    expect(runId({ ...completions.identity, endpoint: undefined })).toBe(chat.runId);
  });

  it("names its directory by dataset, strategy, model, parameters and id", () => {
    expect(defaultRunDirectory("results", identity)).toBe(`results/humaneval/codesim/vllm_Qwen_Qwen3-8B/n10-t0.8-max1024/${runId(identity)}`);
  });
});

function loadSweepFileFrom(content: unknown) {
  const path = join(mkdtempSync(join(tmpdir(), "cg-sweep-")), "sweep.json");
  writeFileSync(path, JSON.stringify(content));
  return loadSweepFile(path);
}
