import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDataset, type Problem } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemBook, strategyAnswer } from "../../../packages/runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback, type SeenRequest } from "../../../packages/runner/test/support/openai-loopback";
import { runCli, startCli } from "./run-cli";

const SEED = 100;
let humaneval: ProblemBook;
let work: string;
const servers: OpenAiLoopback[] = [];

beforeAll(async () => {
  const suite = await createDataset("humaneval").load();
  humaneval = new ProblemBook(suite, suite.problems.slice(0, 12));
  work = mkdtempSync(join(tmpdir(), "cg-run-"));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A loopback model whose first code for a sample is right or wrong as `right` says; debugging fixes it. */
async function modelServer(book: ProblemBook, right: (problem: Problem, sampleIndex: number) => boolean, delayMs = 0): Promise<OpenAiLoopback> {
  const server = await startOpenAiLoopback((request) => {
    const problem = book.problemIn(request.prompt);
    const first = right(problem, sampleOf(request)) ? book.rightCode(problem) : book.wrongCode(problem);
    return { text: strategyAnswer(request.prompt, problem, first, book.rightCode(problem)), delayMs };
  });
  servers.push(server);
  return server;
}

/** The sample a request belongs to, from its seed (the runner sends seed + sample index). */
function sampleOf(request: SeenRequest): number {
  return ((request.seed ?? SEED) - SEED) % 1_000_000;
}

function runArgs(server: OpenAiLoopback, ...extra: string[]): string[] {
  return ["run", "--model", "openai-compatible:loopback", "--base-url", server.baseUrl, "--dataset", "humaneval", "--seed", String(SEED), "--workers", "2", ...extra];
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The lines a killed writer finished; a torn last line is left out. */
function readFinishedLines(path: string): Array<Record<string, unknown>> {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

function summaryOf(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Record<string, unknown>;
}

/** The summary without the fields that measure time. */
function timeless(summary: Record<string, unknown>): Record<string, unknown> {
  return { ...summary, wall_seconds: 0, scoring_seconds: 0 };
}

describe("cg run", () => {
  it("generates, scores and writes a results directory that cg eval agrees with", async () => {
    const server = await modelServer(humaneval, (problem, sample) => humaneval.problems.indexOf(problem) % 2 === 0 || sample === 0);
    const out = join(work, "basic");
    const ids = humaneval.problems.slice(0, 4).map((p) => p.taskId);
    const run = await runCli(runArgs(server, "--problems", ids.join(","), "--n", "2", "--k", "1,2", "--out", out), { CG_CACHE_DIR: join(work, "basic-cache") });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pass@1\s+75\.00%/);
    expect(run.stdout).toMatch(/pass@2\s+100\.00%/);
    expect(run.stdout).toContain(`results: ${join(out, "results.jsonl")}`);

    const results = readJsonl(join(out, "results.jsonl"));
    expect(results).toHaveLength(8);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining(["task_id", "sample_index", "passed", "status", "error_type", "error_message", "duration_ms", "cpu_ms", "code", "tokens_in", "tokens_out", "cost_usd", "latency_ms", "model_calls"]),
      );
    }
    const summary = summaryOf(out);
    expect(summary).toMatchObject({ "pass@1": 0.75, "pass@2": 1, dataset: "humaneval", strategy: "direct", model: "openai-compatible:loopback", samples: 8, model_errors: 0, model_calls: 8 });
    expect(server.requests).toHaveLength(8);
    expect(server.requests.every((r) => r.temperature === 0.8)).toBe(true);
    for (const file of ["trace.jsonl", "config.json", "summary.txt", "samples.jsonl"]) expect(existsSync(join(out, file)), file).toBe(true);

    const rescored = await runCli(["eval", "--dataset", "humaneval", "--samples", join(out, "samples.jsonl"), "--out", join(work, "basic-eval"), "--k", "1,2", "--workers", "2"]);
    expect(rescored.code).toBe(0);
    expect(summaryOf(join(work, "basic-eval"))).toMatchObject({ "pass@1": 0.75, "pass@2": 1, samples: 8 });
  });

  it("makes its directory under --results-dir, named by dataset, strategy, model and parameters", async () => {
    const server = await modelServer(humaneval, () => true);
    const root = join(work, "results-root");
    const run = await runCli(runArgs(server, "--limit", "1", "--max-tokens", "300", "--results-dir", root), { CG_CACHE_DIR: join(work, "named-cache") });
    expect(run.code).toBe(0);
    const dir = /results: (.*)\/results\.jsonl/.exec(run.stdout)![1]!;
    expect(dir).toMatch(new RegExp(`^${root}/humaneval/direct/openai-compatible_loopback/n1-t0-max300/[0-9a-f]{12}$`));
    expect(summaryOf(dir)["pass@1"]).toBe(1);
    expect(server.requests[0]).toMatchObject({ temperature: 0, maxTokens: 300 });
  });

  it("continues a killed run without redoing finished samples, ending with the same summary", async () => {
    const right = (problem: Problem, sample: number) => (humaneval.problems.indexOf(problem) + sample) % 3 !== 0;
    const args = ["--strategy", "self-planning", "--n", "3", "--k", "1,3", "--limit", "12", "--concurrency", "2"];
    const whole = join(work, "whole");
    const wholeServer = await modelServer(humaneval, right, 15);
    const uninterrupted = await runCli(runArgs(wholeServer, ...args, "--out", whole), { CG_CACHE_DIR: join(work, "whole-cache") });
    expect(uninterrupted.code).toBe(0);
    const samples = 12 * 3;
    expect(wholeServer.requests).toHaveLength(2 * samples);

    const killed = join(work, "killed");
    const server = await modelServer(humaneval, right, 15);
    const env = { CG_CACHE_DIR: join(work, "killed-cache") };
    const first = startCli(runArgs(server, ...args, "--out", killed), env);
    const resultsFile = join(killed, "results.jsonl");
    while (!existsSync(resultsFile) || statSync(resultsFile).size < 8000) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill("SIGKILL");
    await first.done;
    const finishedBefore = new Set(readFinishedLines(resultsFile).map((r) => `${r.task_id}#${r.sample_index}`));
    expect(finishedBefore.size).toBeGreaterThan(0);
    expect(finishedBefore.size).toBeLessThan(samples);
    const requestsBefore = server.requests.length;

    const resumed = await runCli(runArgs(server, ...args, "--out", killed), env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming ${killed}: ${finishedBefore.size} of ${samples} samples already done`);
    const results = readJsonl(resultsFile);
    expect(results).toHaveLength(samples);
    expect(new Set(results.map((r) => `${r.task_id}#${r.sample_index}`)).size).toBe(samples);
    expect(timeless(summaryOf(killed))).toEqual(timeless(summaryOf(whole)));

    // Nothing finished before the kill was asked for again; at most the requests in flight at the kill were.
    const redone = server.requests.slice(requestsBefore).filter((r) => finishedBefore.has(`${humaneval.problemIn(r.prompt).taskId}#${sampleOf(r)}`));
    expect(redone).toEqual([]);
    expect(server.requests.length).toBeGreaterThanOrEqual(2 * samples);
    expect(server.requests.length).toBeLessThanOrEqual(2 * samples + 2);
    expect(readFileSync(join(killed, "samples.jsonl"), "utf8")).toBe(readFileSync(join(whole, "samples.jsonl"), "utf8"));
    const traceCalls = readJsonl(join(killed, "trace.jsonl")).filter((line) => line.type === "model_call");
    expect(traceCalls).toHaveLength(2 * samples);
  });

  it("refuses a second cg run on a run directory in use, while the first goes on", async () => {
    // The first run's model answers only once the second run has been refused.
    let refused!: () => void;
    const gate = new Promise<void>((resolve) => (refused = resolve));
    const server = await startOpenAiLoopback(async (request) => {
      await gate;
      const problem = humaneval.problemIn(request.prompt);
      return { text: strategyAnswer(request.prompt, problem, humaneval.rightCode(problem), humaneval.rightCode(problem)) };
    });
    servers.push(server);
    const out = join(work, "two-runs");
    const args = runArgs(server, "--limit", "4", "--concurrency", "1", "--out", out);
    const env = { CG_CACHE_DIR: join(work, "two-runs-cache") };
    const first = startCli(args, env);
    while (!existsSync(join(out, "cg.lock"))) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await runCli(args, env);
    refused();
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^cg: ${out} is in use by another cg process \\(pid ${first.child.pid} on ${hostname()}, since [^)]+\\); wait for it to finish or stop it, or pass another --out\n$`));
    const firstRun = await first.done;
    expect(firstRun.code).toBe(0);
    expect(firstRun.stderr).toBe("");
    const results = readJsonl(join(out, "results.jsonl"));
    expect(new Set(results.map((r) => r.task_id)).size).toBe(4);
    expect(results).toHaveLength(4);
    expect(server.requests).toHaveLength(4);
    expect(existsSync(join(out, "cg.lock"))).toBe(false);
  });

  it("records a model that keeps failing as a model error, not wrong code, and retries it on resume", async () => {
    const failing = humaneval.problems[1]!;
    let broken = true;
    const server = await startOpenAiLoopback((request) => {
      const problem = humaneval.problemIn(request.prompt);
      if (broken && problem === failing) return { status: 500, message: "internal error" };
      return { text: strategyAnswer(request.prompt, problem, humaneval.rightCode(problem), humaneval.rightCode(problem)) };
    });
    servers.push(server);
    const out = join(work, "model-error");
    const args = runArgs(server, "--limit", "3", "--n", "2", "--max-retries", "1", "--retry-delay", "1", "--out", out);
    const env = { CG_CACHE_DIR: join(work, "model-error-cache") };
    const run = await runCli(args, env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: 2 of 6 samples failed on the model side \(RetriesExhaustedError\) and are left out of pass@k; rerun the same command to retry them/);
    const results = readJsonl(join(out, "results.jsonl"));
    const errors = results.filter((r) => r.task_id === failing.taskId);
    expect(errors.map((r) => r.status)).toEqual(["model_error", "model_error"]);
    expect(errors[0]!.error_message).toMatch(/HTTP 500/);
    expect(summaryOf(out)).toMatchObject({ "pass@1": 1, samples: 4, model_errors: 2, status_counts: { passed: 4, model_error: 2 } });

    broken = false;
    const before = server.requests.length;
    const resumed = await runCli(args, env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).not.toContain("warning");
    expect(server.requests.slice(before).map((r) => humaneval.problemIn(r.prompt))).toEqual([failing, failing]);
    expect(summaryOf(out)).toMatchObject({ "pass@1": 1, samples: 6, model_errors: 0, status_counts: { passed: 6 } });
    expect(readJsonl(join(out, "results.jsonl"))).toHaveLength(6);
  });

  it("refuses bad input with a message saying what to do, exit 2 and no stack trace", async () => {
    const server = await modelServer(humaneval, () => true);
    const sweep = join(work, "bad-sweep.json");
    writeFileSync(sweep, JSON.stringify({ datasets: ["humaneval"], strategies: ["direct"], models: [], n: 2, sampling: { temperature: 0 } }));
    const cases: Array<[string[], RegExp, NodeJS.ProcessEnv?]> = [
      [runArgs(server, "--strategy", "nope"), /Unknown strategy "nope". Known strategies: direct, cot, /],
      [[...runArgs(server), "--dataset", "nope"], /unknown dataset "nope"; known datasets: humaneval/],
      [["run", "--model", "nope:x", "--dataset", "humaneval"], /Unknown model provider "nope". Known providers: openai, /],
      [["run", "--model", "openai:gpt-4o-mini", "--dataset", "humaneval"], /No API key for provider "openai": set the OPENAI_API_KEY environment variable/, { OPENAI_API_KEY: "" }],
      [[...runArgs(server), "--model", "openai:gpt-4o-mini", "--api-key-env", "MY_KEY"], /No API key for provider "openai": set the MY_KEY environment variable/, { MY_KEY: "" }],
      [["run", "--model", "openai-compatible:x", "--dataset", "humaneval"], /needs a server address: pass --base-url/, { OPENAI_COMPATIBLE_BASE_URL: "" }],
      [
        ["run", "--model", "openai-compatible:x", "--base-url", "http://127.0.0.1:1/v1", "--dataset", "humaneval", "--max-retries", "0", "--no-cache", "--limit", "1"],
        /cannot reach openai-compatible:x at http:\/\/127.0.0.1:1\/v1 .*check --base-url and that the server is running/,
      ],
      [runArgs(server, "--strategy", "codesim", "-o", "maxPlanTry=0"), /Invalid options for strategy "codesim": maxPlanTry: /],
      [runArgs(server, "-o", "maxPlanTry"), /--option takes key=value/],
      [runArgs(server, "--n", "3", "--temperature", "0"), /3 samples at temperature 0 would be copies of one another/],
      [runArgs(server, "--problems", "HumanEval/999"), /task "HumanEval\/999" is not in the humaneval dataset; check --problems/],
      [runArgs(server, "--base-url", "localhost"), /invalid command line: model\.baseUrl: /],
      [["sweep", sweep], /invalid .*bad-sweep.json: models: .*; sampling\.temperature: 2 samples at temperature 0/],
      [["sweep", join(work, "missing.json")], /sweep file .*missing.json does not exist/],
      [["list", "models"], /cg list takes one of datasets, strategies, providers/],
    ];
    for (const [args, message, env] of cases) {
      const run = await runCli(args, { CG_CACHE_DIR: join(work, "bad-cache"), ...env });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("cg run with the reference prompt profile", () => {
  it("stops before any model call when the mirror lacks the authors' sources, naming every file and the fix", async () => {
    const server = await modelServer(humaneval, () => true);
    // A mirror with the dataset but without reference-strategies/.
    const mirror = mkdtempSync(join(tmpdir(), "cg-mirror-"));
    symlinkSync(join(process.env.CG_DATA_DIR!, "humaneval"), join(mirror, "humaneval"));
    symlinkSync(join(process.env.CG_DATA_DIR!, "codesim-data"), join(mirror, "codesim-data"));
    const run = await runCli(runArgs(server, "--strategy", "direct", "--data-dir", mirror, "--limit", "1", "--out", join(work, "no-sources")));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/reference-strategies\/codesim\/src\/promptings\/Direct\.py/);
    expect(run.stderr).toMatch(/reference-strategies\/codesim\/src\/datasets\/HumanEvalDataset\.py/);
    expect(run.stderr).toMatch(/--data-dir/);
    expect(server.requests).toHaveLength(0);
    // The cg profile reads none of them.
    const own = await runCli(runArgs(server, "--strategy", "direct", "--prompts", "cg", "--data-dir", mirror, "--limit", "1", "--out", join(work, "own-prompts")));
    expect(own.code).toBe(0);
  });
});

describe("cg run with a contest-date window", () => {
  const fixtures = fileURLToPath(new URL("../../../packages/datasets/test/fixtures", import.meta.url));
  // Contests of the fixture's livecodebench-v2: abc900_a 2023-08-12, 9001 2024-03-02, 1900A 2024-11-20.
  // The fixtures hold no reference sources: the cg prompt profile reads none.
  const lcbArgs = (server: OpenAiLoopback, ...extra: string[]) => [
    "run", "--model", "openai-compatible:loopback", "--base-url", server.baseUrl, "--dataset", "livecodebench-v2", "--data-dir", fixtures, "--prompts", "cg", "--workers", "1", "--no-cache", ...extra,
  ];

  it("generates for the problems of the window only, records the window, and will not resume with another", async () => {
    const server = await startOpenAiLoopback(() => ({ text: "```python\nprint(input())\n```" }));
    servers.push(server);
    const out = join(work, "lcb-window");
    const run = await runCli(lcbArgs(server, "--since", "2024-03-02", "--out", out));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dataset\s+livecodebench-v2 \(since 2024-03-02\)\n/);
    expect(readJsonl(join(out, "results.jsonl")).map((r) => r.task_id).sort()).toEqual(["1900A", "9001"]);
    expect(server.requests).toHaveLength(2);
    expect(summaryOf(out)).toMatchObject({ dataset: "livecodebench-v2", dataset_options: { since: "2024-03-02" }, problems: 2 });
    const saved = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(saved.identity).toMatchObject({ dataset: "livecodebench-v2", dataset_options: { since: "2024-03-02" }, problems: ["9001", "1900A"] });
    expect(saved.config.datasetOptions).toEqual({ since: "2024-03-02" });

    const until = await runCli(lcbArgs(server, "--until", "2024-03-02", "--results-dir", join(work, "lcb-results")));
    expect(until.code).toBe(0);
    const untilDir = /results: (.*)\/results\.jsonl/.exec(until.stdout)![1]!;
    expect(readJsonl(join(untilDir, "results.jsonl")).map((r) => r.task_id)).toEqual(["abc900_a"]);

    // The same two problems, but another window: another run.
    const other = await runCli(lcbArgs(server, "--since", "2024-01-01", "--out", out));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds results of a different run \(dataset_options differ\); pass another --out/);
    expect(server.requests).toHaveLength(3);
  });

  it("refuses a malformed window, or one on a dataset without contest dates", async () => {
    const server = await startOpenAiLoopback(() => ({ text: "```python\nprint(1)\n```" }));
    servers.push(server);
    const cases: Array<[string[], RegExp]> = [
      [lcbArgs(server, "--since", "2024-02-30"), /--since must be a day written YYYY-MM-DD, e.g. 2024-08-01, got "2024-02-30"/],
      [lcbArgs(server, "--until", "June"), /--until must be a day written YYYY-MM-DD/],
      [lcbArgs(server, "--since", "2024-06-01", "--until", "2024-01-01"), /invalid command line: datasetOptions\.until: the contest-date window is empty: since must be a day before until/],
      [[...runArgs(server), "--since", "2024-01-01"], /humaneval has no contest dates, so since cannot select its problems; datasets that have them: livecodebench, livecodebench-v1, /],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { CG_CACHE_DIR: join(work, "window-cache") });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("cg list", () => {
  it("lists every dataset, strategy and provider", async () => {
    const run = await runCli(["list"]);
    expect(run.code).toBe(0);
    for (const name of ["humaneval", "mbpp-sanitized", "direct", "self-planning", "mapcoder", "codesim-wpvd", "openai-compatible", "anthropic"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s`, "m"));
    }
    expect(run.stdout).toMatch(/options: maxPlanTry=5 maxDebugTry=5/);
    expect(run.stdout).toMatch(/OPENAI_API_KEY/);
    const strategies = await runCli(["list", "strategies"]);
    expect(strategies.stdout).not.toContain("Datasets");
  });
});
