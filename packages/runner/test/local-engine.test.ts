import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, type Problem } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DirectoryInUseError,
  InvalidLogLineError,
  LocalEngine,
  LOCK_FILE,
  ModelUnavailableError,
  OutputDirectoryConflictError,
  parseRunConfig,
  type GeneratedSampleResult,
  type RecheckProgress,
  type RunConfigInput,
  type RunProgress,
  type SavedRunConfig,
  type TraceLine,
} from "../src/index";
import { testDataDir } from "./support/data-dir";
import { fenced, ProblemBook, strategyAnswer } from "./support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback, type SeenRequest } from "./support/openai-loopback";

const SEED = 100;

let book: ProblemBook;
let engine: LocalEngine;
let work: string;
const servers: OpenAiLoopback[] = [];

beforeAll(async () => {
  const suite = await createDataset("humaneval").load({ dataDir: testDataDir() });
  book = new ProblemBook(suite, suite.problems.slice(0, 3));
  engine = new LocalEngine({ sandbox: { workers: 2 } });
  work = mkdtempSync(join(tmpdir(), "cg-engine-"));
});

afterAll(async () => {
  await engine.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function server(respond: (request: SeenRequest, problem: Problem) => string): Promise<OpenAiLoopback> {
  const started = await startOpenAiLoopback((request) => ({ text: respond(request, book.problemIn(request.prompt)) }));
  servers.push(started);
  return started;
}

function config(name: string, loopback: OpenAiLoopback, overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: "humaneval",
    strategy: "direct",
    model: { spec: "openai-compatible:loopback", baseUrl: loopback.baseUrl, cacheDir: join(work, name, "cache"), retry: { maxRetries: 1, baseDelayMs: 1 } },
    n: 2,
    sampling: { seed: SEED },
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

/** Problem 0 always right, problem 1 right for its first sample only, problem 2 always wrong. */
function mixedAnswers(request: SeenRequest, problem: Problem): string {
  const position = book.problems.indexOf(problem);
  const sampleIndex = (request.seed ?? SEED) - SEED;
  const right = position === 0 || (position === 1 && sampleIndex === 0);
  return strategyAnswer(request.prompt, problem, right ? book.rightCode(problem) : book.wrongCode(problem), book.rightCode(problem));
}

describe("LocalEngine", () => {
  it("generates, scores and records every sample, then resumes without redoing any", async () => {
    const loopback = await server(mixedAnswers);
    const progress: RunProgress[] = [];
    const run = parseRunConfig(config("mixed", loopback, { ks: [1, 2] }));
    expect(run.sampling.temperature).toBe(0.8);
    const summary = await engine.run(run, { onProgress: (p) => progress.push(p) });
    const dir = join(work, "mixed", "run");

    const results = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    expect(results).toHaveLength(6);
    const verdicts = Object.fromEntries(results.map((r) => [`${r.task_id}#${r.sample_index}`, r.passed]));
    const [p0, p1, p2] = book.problems.map((p) => p.taskId);
    expect(verdicts).toEqual({ [`${p0}#0`]: true, [`${p0}#1`]: true, [`${p1}#0`]: true, [`${p1}#1`]: false, [`${p2}#0`]: false, [`${p2}#1`]: false });
    for (const result of results) {
      expect(result.status).toBe(result.passed ? "passed" : "failed");
      expect(result.code).toContain(`def ${book.problems.find((p) => p.taskId === result.task_id)!.entryPoint}(`);
      expect(result.model_calls).toBe(1);
      expect(result.tokens_in).toBeGreaterThan(0);
      expect(result.tokens_out).toBeGreaterThan(0);
      expect(result.cost_usd).toBeNull();
    }
    expect(loopback.requests.map((r) => r.seed).sort()).toEqual([SEED, SEED, SEED, SEED + 1, SEED + 1, SEED + 1]);

    const trace = readJsonl<TraceLine>(join(dir, "trace.jsonl"));
    expect(trace.filter((line) => line.type === "model_call")).toHaveLength(6);
    const call = trace.find((line) => line.type === "model_call" && line.task_id === p2)!;
    expect(call.type === "model_call" && call.messages[0]!.content).toContain(book.problems[2]!.prompt.trim());

    const samples = readJsonl<{ task_id: string; completion: string; solution?: string }>(join(dir, "samples.jsonl"));
    expect(samples.map((s) => s.task_id)).toEqual([p0, p0, p1, p1, p2, p2]);
    expect(samples[5]!.solution).toBe(samples[5]!.completion);

    expect(summary["pass@1"]).toBeCloseTo(3 / 6, 12);
    expect(summary["pass@2"]).toBeCloseTo(2 / 3, 12);
    expect(summary.ks_excluded).toEqual([]);
    expect(summary).toMatchObject({ samples: 6, samples_planned: 6, model_errors: 0, model_calls: 6, model_calls_per_problem: 2, cost_usd: null, n: 2 });
    expect(summary.status_counts).toEqual({ passed: 3, failed: 3 });
    expect(summary.tokens_in).toBe(results.reduce((sum, r) => sum + r.tokens_in, 0));
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))).toEqual(summary);
    expect(readFileSync(join(dir, "summary.txt"), "utf8")).toMatch(/pass@1\s+50\.00%/);

    const saved = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as SavedRunConfig;
    expect(saved.run_id).toBe(summary.run_id);
    expect(saved.identity).toMatchObject({ dataset: "humaneval", strategy: "direct", model: "openai-compatible:loopback", n: 2, timeout_seconds: 3 });
    expect(saved.config.model.baseUrl).toBe(loopback.baseUrl);
    expect(progress.at(-1)).toMatchObject({ total: 6, done: 6, passed: 3, problems: 3, problemsDone: 3, modelErrors: 0, resumed: 0 });

    const again = await engine.run(parseRunConfig(config("mixed", loopback, { ks: [1, 2] })));
    expect(loopback.requests).toHaveLength(6);
    expect(readJsonl(join(dir, "results.jsonl"))).toHaveLength(6);
    expect({ ...again, wall_seconds: 0 }).toEqual({ ...summary, wall_seconds: 0 });
  });

  it("runs the tests the model writes alongside the public ones", async () => {
    const problem = book.problems[0]!;
    // The model's own test expects a wrong value, so even the right code fails the sample tests.
    const loopback = await server((request, p) =>
      /^Write \d+ test case/.test(request.prompt)
        ? fenced(`assert ${p.entryPoint}([1.0, 2.0], 0.5) == "never"`)
        : strategyAnswer(request.prompt, p, book.rightCode(p), book.rightCode(p)),
    );
    const summary = await engine.run(
      parseRunConfig(
        config("generated-tests", loopback, {
          strategy: "codesim",
          strategyOptions: { prompts: "cg", generatedTests: 1, maxPlanTry: 1, maxDebugTry: 1 },
          n: 1,
          problems: [problem.taskId],
        }),
      ),
    );
    const dir = join(work, "generated-tests", "run");
    const runs = readJsonl<TraceLine>(join(dir, "trace.jsonl")).filter((line) => line.type === "sample_tests");
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      if (run.type !== "sample_tests") continue;
      const extra = run.report.results.at(-1)!;
      expect(extra.test).toEqual({ kind: "assert", code: `assert ${problem.entryPoint}([1.0, 2.0], 0.5) == "never"` });
      expect(extra.passed).toBe(false);
      expect(run.report.results.slice(0, -1).every((r) => r.passed)).toBe(true);
    }
    const [result] = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    expect(result).toMatchObject({ public_tests_passed: false, passed: true, sample_test_runs: 2 });
    expect(summary["pass@1"]).toBe(1);
  });

  it("judges a verdict near the time limit once more, alone, at the end of the run, once; not with recheck off", async () => {
    const [slow, fast] = book.problems;
    // Right code that then sleeps 2.6 s: within 20% of the 3 s limit, and inside it, on any machine.
    const sleepy = (p: Problem) => `${book.rightCode(p)}\nimport time\ntime.sleep(2.6)\n`;
    const loopback = await server((request, p) => strategyAnswer(request.prompt, p, p === slow ? sleepy(p) : book.rightCode(p), book.rightCode(p)));
    const rechecks: RecheckProgress[] = [];
    const run = (name: string, overrides: Partial<RunConfigInput> = {}) =>
      engine.run(parseRunConfig(config(name, loopback, { n: 1, problems: [slow!.taskId, fast!.taskId], ...overrides })), { onRecheck: (p) => rechecks.push(p) });
    const summary = await run("recheck");
    const dir = join(work, "recheck", "run");
    const results = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    const slowLine = results.find((r) => r.task_id === slow!.taskId)!;
    expect(slowLine.recheck).toEqual({ first: expect.objectContaining({ status: "passed", passed: true }), second: expect.objectContaining({ status: "passed", passed: true }) });
    expect(slowLine.recheck!.first.duration_ms).toBeGreaterThanOrEqual(2400);
    expect(slowLine.recheck!.second.duration_ms).toBeGreaterThanOrEqual(2600);
    expect(slowLine.duration_ms).toBe(slowLine.recheck!.second.duration_ms);
    expect(results.find((r) => r.task_id === fast!.taskId)!.recheck).toBeUndefined();
    expect(summary).toMatchObject({ rechecked: 1, flaky: 0, flaky_task_ids: [], "pass@1": 1, samples: 2 });
    expect(rechecks).toEqual([
      { total: 1, done: 0, changed: 0 },
      { total: 1, done: 1, changed: 0 },
    ]);
    expect(readJsonl(join(dir, "rechecks.jsonl"))).toHaveLength(1);
    expect(readFileSync(join(dir, "summary.txt"), "utf8")).toMatch(/^re-judged alone\s+1 verdict near the time limit\nflaky\s+0$/m);

    const before = readFileSync(join(dir, "results.jsonl"), "utf8");
    const resumed = await run("recheck");
    expect(rechecks).toHaveLength(2);
    expect(readFileSync(join(dir, "results.jsonl"), "utf8")).toBe(before);
    expect({ ...resumed, wall_seconds: 0 }).toEqual({ ...summary, wall_seconds: 0 });

    const off = await run("no-recheck", { recheck: false });
    const offDir = join(work, "no-recheck", "run");
    expect(rechecks).toHaveLength(2);
    expect(readJsonl<GeneratedSampleResult>(join(offDir, "results.jsonl")).map((r) => r.recheck)).toEqual([undefined, undefined]);
    expect(existsSync(join(offDir, "rechecks.jsonl"))).toBe(false);
    expect(off).toMatchObject({ rechecked: 0, flaky: 0, "pass@1": 1 });
  });

  it("records model-side failures apart from wrong code, and retries them on resume", async () => {
    const failing = book.problems[1]!;
    const answer = (request: SeenRequest, problem: Problem) => strategyAnswer(request.prompt, problem, book.rightCode(problem), book.rightCode(problem));
    const loopback = await startOpenAiLoopback((request) => {
      const problem = book.problemIn(request.prompt);
      return problem === failing ? { status: 503, message: "overloaded" } : { text: answer(request, problem) };
    });
    servers.push(loopback);
    const summary = await engine.run(parseRunConfig(config("model-error", loopback)));
    const dir = join(work, "model-error", "run");
    const results = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    const errors = results.filter((r) => r.status === "model_error");
    expect(errors.map((r) => r.task_id)).toEqual([failing.taskId, failing.taskId]);
    expect(errors[0]).toMatchObject({ passed: false, code: null, error_type: "RetriesExhaustedError" });
    expect(errors[0]!.error_message).toMatch(/HTTP 503.*overloaded/);
    // Two attempts (one retry) per failing sample.
    expect(loopback.requests.filter((r) => book.problemIn(r.prompt) === failing)).toHaveLength(4);
    expect(summary).toMatchObject({ samples: 4, problems: 2, problems_without_samples: 1, model_errors: 2, "pass@1": 1 });
    expect(summary.status_counts).toEqual({ passed: 4, model_error: 2 });
    expect(summary.warnings[0]).toMatch(/2 of 6 samples failed on the model side \(RetriesExhaustedError\).*rerun/);
    expect(readJsonl<TraceLine>(join(dir, "trace.jsonl")).filter((line) => line.type === "model_error")).toHaveLength(2);

    loopback.respondWith((request) => ({ text: answer(request, book.problemIn(request.prompt)) }));
    const before = loopback.requests.length;
    const resumed = await engine.run(parseRunConfig(config("model-error", loopback)));
    expect(loopback.requests.slice(before).map((r) => book.problemIn(r.prompt))).toEqual([failing, failing]);
    expect(resumed).toMatchObject({ samples: 6, model_errors: 0, "pass@1": 1, warnings: [] });
    const final = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    expect(final).toHaveLength(6);
    expect(final.every((r) => r.status === "passed")).toBe(true);
    expect(readJsonl<TraceLine>(join(dir, "trace.jsonl")).map((line) => line.type)).toEqual(Array(6).fill("model_call"));
  });

  it("stops with ModelUnavailableError when the server cannot be reached", async () => {
    const loopback = await server(mixedAnswers);
    await loopback.close();
    servers.splice(servers.indexOf(loopback), 1);
    const run = engine.run(parseRunConfig(config("unreachable", loopback, { model: { spec: "openai-compatible:loopback", baseUrl: loopback.baseUrl, retry: { maxRetries: 0 }, cacheDir: false } })));
    await expect(run).rejects.toThrow(ModelUnavailableError);
    await expect(run).rejects.toThrow(/cannot reach openai-compatible:loopback at http:\/\/127\.0\.0\.1:\d+\/v1 .*check --base-url/);
    expect(readFileSync(join(work, "unreachable", "run", "results.jsonl"), "utf8")).toBe("");
  });

  it("stops when a server that was answering goes away, and continues on another", async () => {
    const loopback = await server(mixedAnswers);
    const answer = (request: SeenRequest) => ({ text: mixedAnswers(request, book.problemIn(request.prompt)) });
    // Two answers, then the server dies with the third request in hand.
    loopback.respondWith((request) => {
      if (request.index === 2) void loopback.close();
      return { ...answer(request), delayMs: request.index === 2 ? 1000 : 0 };
    });
    const first = config("gone", loopback, { concurrency: 2, model: { spec: "openai-compatible:loopback", baseUrl: loopback.baseUrl, retry: { maxRetries: 0 }, cacheDir: join(work, "gone", "cache") } });
    await expect(engine.run(parseRunConfig(first))).rejects.toThrow(
      /lost the connection to openai-compatible:loopback at http:\/\/127\.0\.0\.1:\d+\/v1: 2 requests in a row could not reach it .*rerun the same command to continue/,
    );
    servers.splice(servers.indexOf(loopback), 1);
    const dir = join(work, "gone", "run");
    const before = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl"));
    expect(before.filter((r) => r.status !== "model_error")).toHaveLength(2);

    const replacement = await server(mixedAnswers);
    const summary = await engine.run(parseRunConfig({ ...first, model: { ...first.model, baseUrl: replacement.baseUrl } }));
    expect(replacement.requests).toHaveLength(4);
    expect(summary).toMatchObject({ samples: 6, model_errors: 0, "pass@1": 0.5 });
  });

  it("refuses to mix two different runs in one directory", async () => {
    const loopback = await server(mixedAnswers);
    const first = config("conflict", loopback, { n: 1, problems: [book.problems[0]!.taskId] });
    await engine.run(parseRunConfig(first));
    await expect(engine.run(parseRunConfig({ ...first, strategy: "cot" }))).rejects.toThrow(OutputDirectoryConflictError);
    await expect(engine.run(parseRunConfig({ ...first, sampling: { seed: SEED, temperature: 0.2 } }))).rejects.toThrow(
      /holds results of a different run \(sampling differ\)/,
    );
    // Settings that do not change what is measured may differ on resume.
    await engine.run(parseRunConfig({ ...first, concurrency: 1, model: { ...first.model, retry: { maxRetries: 3 } } }));
  });

  it("refuses a second run on a directory a run is writing, and the first one goes on unaffected", async () => {
    const loopback = await startOpenAiLoopback((request) => ({ text: mixedAnswers(request, book.problemIn(request.prompt)), delayMs: 200 }));
    servers.push(loopback);
    const run = parseRunConfig(config("two-writers", loopback, { concurrency: 1 }));
    const dir = join(work, "two-writers", "run");
    const first = engine.run(run);
    while (!existsSync(join(dir, LOCK_FILE))) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = engine.run(run);
    await expect(second).rejects.toThrow(DirectoryInUseError);
    await expect(second).rejects.toThrow(new RegExp(`^${dir} is in use by another cg process \\(pid ${process.pid} on `));
    const summary = await first;
    expect(summary).toMatchObject({ samples: 6, model_errors: 0 });
    const keys = readJsonl<GeneratedSampleResult>(join(dir, "results.jsonl")).map((r) => `${r.task_id}#${r.sample_index}`);
    expect(new Set(keys).size).toBe(6);
    expect(keys).toHaveLength(6);
    expect(loopback.requests).toHaveLength(6);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("resumes past an incomplete last line with a warning, and refuses lines it cannot trust, naming file and line", async () => {
    const loopback = await server(mixedAnswers);
    const run = parseRunConfig(config("untrusted", loopback));
    const dir = join(work, "untrusted", "run");
    const resultsPath = join(dir, "results.jsonl");
    const tracePath = join(dir, "trace.jsonl");
    await engine.run(run);
    const results = readFileSync(resultsPath, "utf8");
    const [firstLine] = results.split("\n");
    const first = JSON.parse(firstLine!) as GeneratedSampleResult;

    // A kill mid-write: that sample is done again, with one warning.
    const lines = results.trimEnd().split("\n");
    writeFileSync(resultsPath, `${lines.slice(0, -1).join("\n")}\n${lines.at(-1)!.slice(0, 40)}`);
    const warnings: string[] = [];
    const resumed = await engine.run(run, { onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([`cut an incomplete last line (40 bytes, line 6) off ${resultsPath}, left by a process stopped mid-write; its sample is done again`]);
    expect(resumed).toMatchObject({ samples: 6, "pass@1": 0.5 });
    const redone = readJsonl<GeneratedSampleResult>(resultsPath);
    expect(new Set(redone.map((r) => `${r.task_id}#${r.sample_index}`)).size).toBe(6);
    expect(redone).toHaveLength(6);
    // Served from the response cache.
    expect(loopback.requests).toHaveLength(6);

    const cases: Array<[string, string, RegExp]> = [
      [resultsPath, `${firstLine}\n`, new RegExp(`^${resultsPath}:7: a second result for task "${first.task_id}" sample ${first.sample_index} \\(the first is on line 1\\); `)],
      [resultsPath, `${JSON.stringify({ ...first, task_id: "HumanEval/999", sample_index: 0 })}\n`, new RegExp(`^${resultsPath}:7: task "HumanEval/999" sample 0 is not part of this run \\(see config.json\\); `)],
      [resultsPath, `${JSON.stringify({ ...first, sample_index: 2 })}\n`, new RegExp(`^${resultsPath}:7: task "${first.task_id}" sample 2 is not part of this run`)],
      [resultsPath, `${JSON.stringify({ ...first, passed: "yes" })}\n`, new RegExp(`^${resultsPath}:7: not a record of this file at "passed"`)],
      [tracePath, `${JSON.stringify({ task_id: "HumanEval/999", sample_index: 0, type: "model_call" })}\n`, new RegExp(`^${tracePath}:\\d+: task "HumanEval/999" sample 0 is not part of this run`)],
    ];
    for (const [path, line, message] of cases) {
      const intact = readFileSync(path, "utf8");
      appendFileSync(path, line);
      const changed = readFileSync(path, "utf8");
      const refused = engine.run(run);
      await expect(refused).rejects.toThrow(InvalidLogLineError);
      await expect(refused).rejects.toThrow(message);
      expect(readFileSync(path, "utf8")).toBe(changed);
      writeFileSync(path, intact);
    }
    // A corrupt line in the middle keeps every line after it.
    const intact = readFileSync(resultsPath, "utf8").split("\n");
    writeFileSync(resultsPath, [intact[0], '{"task_id":', ...intact.slice(1)].join("\n"));
    await expect(engine.run(run)).rejects.toThrow(new RegExp(`^${resultsPath}:2: not valid JSON .*fix or delete line 2, or move the file aside, then rerun$`));
    expect(readFileSync(resultsPath, "utf8").split("\n")).toHaveLength(intact.length + 1);
    writeFileSync(resultsPath, intact.join("\n"));

    // The lock went with each refusal.
    expect(await engine.run(run)).toMatchObject({ samples: 6, "pass@1": 0.5 });
    expect(readJsonl<TraceLine>(tracePath).filter((line) => line.type === "model_call")).toHaveLength(6);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("names its default directory after dataset, strategy, model and parameters", async () => {
    const loopback = await server(mixedAnswers);
    const root = join(work, "named");
    const { outDir: _unused, ...rest } = config("named", loopback, { n: 1, problems: [book.problems[0]!.taskId], sampling: { seed: SEED, maxTokens: 256 } });
    let outDir = "";
    const summary = await engine.run(parseRunConfig({ ...rest, resultsRoot: root }), { onStart: (start) => (outDir = start.outDir) });
    expect(outDir).toBe(join(root, "humaneval", "direct", "openai-compatible_loopback", "n1-t0-max256", summary.run_id));
    expect(existsSync(join(outDir, "summary.json"))).toBe(true);
  });
});

describe("summarizeRun", () => {
  it("gives the same summary whatever order the samples finished in", async () => {
    const { summarizeRun } = await import("../src/index");
    const loopback = await server(mixedAnswers);
    const summary = await engine.run(parseRunConfig(config("order", loopback, { n: 3 })));
    const dir = join(work, "order", "run");
    const saved = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as SavedRunConfig;
    const lines = readFileSync(join(dir, "results.jsonl"), "utf8").trim().split("\n");
    const shuffled = join(work, "order", "shuffled.jsonl");
    writeFileSync(shuffled, `${[...lines].reverse().join("\n")}\n`);
    const context = { runId: summary.run_id, identity: saved.identity, ks: [1, 2, 3], datasetChecksums: summary.checksums.dataset, samplesSha256: null, wallSeconds: 0 };
    expect(await summarizeRun(shuffled, context)).toEqual(await summarizeRun(join(dir, "results.jsonl"), context));
  });
});
