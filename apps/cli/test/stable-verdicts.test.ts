import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataset, type Problem } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemBook, strategyAnswer } from "../../../packages/runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback } from "../../../packages/runner/test/support/openai-loopback";
import { runCli } from "./run-cli";

interface Line {
  task_id: string;
  sample_index: number;
  status: string;
  passed: boolean;
  duration_ms: number;
  repeat?: number;
  recheck?: { first: { status: string; duration_ms: number }; second: { status: string; duration_ms: number } };
}

let problems: Array<{ task_id: string; canonical_solution: string }>;
let work: string;
const servers: OpenAiLoopback[] = [];

beforeAll(async () => {
  const humaneval = await createDataset("humaneval").load();
  problems = humaneval.problems.map((p) => ({ task_id: p.taskId, canonical_solution: humaneval.canonical(p)!.code }));
  work = mkdtempSync(join(tmpdir(), "cg-stable-"));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

function writeSamples(name: string, samples: Array<{ task_id: string; completion: string }>): string {
  const path = join(work, name);
  writeFileSync(path, samples.map((s) => JSON.stringify(s)).join("\n") + "\n");
  return path;
}

function readLines<T = Line>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}

function summaryOf(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Record<string, unknown>;
}

/** Right code that then sleeps 2.6 s: within 20% of the 3 s limit, and inside it, on any machine. */
const SLEEP_NEAR_LIMIT = "\nimport time\ntime.sleep(2.6)\n";

describe("cg eval: verdicts near the time limit", () => {
  it("judges each verdict near the limit once more, alone, at the end, and records both; never twice; not with --no-recheck", async () => {
    const [sleepy, fast, looping] = problems;
    const samplesPath = writeSamples("near-limit.jsonl", [
      { task_id: sleepy!.task_id, completion: sleepy!.canonical_solution + SLEEP_NEAR_LIMIT },
      { task_id: fast!.task_id, completion: fast!.canonical_solution },
      { task_id: looping!.task_id, completion: "    while True:\n        pass\n" },
    ]);
    const out = join(work, "near-limit");
    const args = ["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", out];
    const run = await runCli(args);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const results = new Map(readLines(join(out, "results.jsonl")).map((line) => [line.task_id, line]));
    expect(results.size).toBe(3);
    const slow = results.get(sleepy!.task_id)!;
    expect(slow).toMatchObject({ status: "passed", recheck: { first: { status: "passed" }, second: { status: "passed" } } });
    expect(slow.recheck!.first.duration_ms).toBeGreaterThanOrEqual(2400);
    expect(slow.duration_ms).toBe(slow.recheck!.second.duration_ms);
    expect(results.get(looping!.task_id)).toMatchObject({ status: "timeout", recheck: { first: { status: "timeout" }, second: { status: "timeout" } } });
    // A verdict far from the limit keeps today's fields, and nothing else.
    expect(Object.keys(results.get(fast!.task_id)!)).toEqual(["task_id", "sample_index", "passed", "status", "error_type", "error_message", "duration_ms", "cpu_ms"]);
    expect(readLines(join(out, "rechecks.jsonl"))).toHaveLength(2);
    expect(summaryOf(out)).toMatchObject({ rechecked: 2, flaky: 0, flaky_task_ids: [], "pass@1": 2 / 3 });
    expect(run.stdout).toMatch(/^re-judged alone\s+2 verdicts near the time limit\nflaky\s+0\n/m);

    const before = readFileSync(join(out, "results.jsonl"), "utf8");
    const summary = summaryOf(out);
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, "results.jsonl"), "utf8")).toBe(before);
    expect(readLines(join(out, "rechecks.jsonl"))).toHaveLength(2);
    expect({ ...summaryOf(out), scoring_seconds: 0 }).toEqual({ ...summary, scoring_seconds: 0 });

    const off = join(work, "no-recheck");
    const skipped = await runCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", off, "--no-recheck"]);
    expect(skipped.code).toBe(0);
    expect(readLines(join(off, "results.jsonl")).map((line) => line.recheck)).toEqual([undefined, undefined, undefined]);
    expect(existsSync(join(off, "rechecks.jsonl"))).toBe(false);
    expect(summaryOf(off)).toMatchObject({ rechecked: 0, flaky: 0 });
    expect(skipped.stdout).not.toMatch(/re-judged/);
    // The same command without the flag judges them then: the end of that invocation's run.
    const later = await runCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", off, "--recheck"]);
    expect(later.code).toBe(0);
    expect(summaryOf(off)).toMatchObject({ rechecked: 2 });
  });
});

describe("cg eval --repeat", () => {
  it("judges each sample N times, keeps every judging, reports the stability, and resumes", async () => {
    const chosen = problems.slice(3, 6);
    const samplesPath = writeSamples(
      "repeat.jsonl",
      chosen.flatMap((p) => [
        { task_id: p.task_id, completion: p.canonical_solution },
        { task_id: p.task_id, completion: "    return None\n" },
      ]),
    );
    const out = join(work, "repeat");
    const args = ["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", out, "--k", "1,2", "--repeat", "3"];
    const run = await runCli(args);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = readLines(join(out, "results.jsonl"));
    expect(lines).toHaveLength(18);
    expect(new Set(lines.map((l) => `${l.task_id}#${l.sample_index}@${l.repeat}`)).size).toBe(18);
    expect(lines.map((l) => l.repeat).sort()).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    const summary = summaryOf(out);
    // The top-level figures are the first judging's: n = 2, c = 1 on every problem.
    expect(summary).toMatchObject({ "pass@1": 0.5, "pass@2": 1, samples: 6, problems: 3 });
    const steady = { values: [0.5, 0.5, 0.5], mean: 0.5, min: 0.5, max: 0.5, stddev: 0 };
    expect(summary.stability).toEqual({
      repeat: 3,
      samples: 6,
      flipped_samples: 0,
      flip_rate: 0,
      problems: 3,
      problems_with_flips: 0,
      rechecked: 0,
      flaky: 0,
      pass_at_k: { "pass@1": steady, "pass@2": { ...steady, values: [1, 1, 1], mean: 1, min: 1, max: 1 } },
      flipping_problems: [],
    });
    expect(run.stdout).toMatch(/^repeat\s+each sample judged 3 times \(figures above: the first\)\nverdicts flipped\s+0 of 6 samples \(0\.00%\), in 0 problems\npass@1 over 3\s+50\.00% – 50\.00% \(mean 50\.00%, sd 0\.00 pp\)\npass@2 over 3\s+100\.00% – 100\.00%/m);

    // A stopped evaluation: seven judgings done and a torn eighth line. The rest is done, once each.
    const resultsPath = join(out, "results.jsonl");
    const text = readFileSync(resultsPath, "utf8").split("\n");
    writeFileSync(resultsPath, `${text.slice(0, 7).join("\n")}\n${text[7]!.slice(0, 30)}`);
    const resumed = await runCli(args);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/^warning: cut an incomplete last line \(30 bytes, line 8\)/);
    const after = readLines(resultsPath);
    expect(after).toHaveLength(18);
    expect(new Set(after.map((l) => `${l.task_id}#${l.sample_index}@${l.repeat}`)).size).toBe(18);
    expect({ ...summaryOf(out), scoring_seconds: 0 }).toEqual({ ...summary, scoring_seconds: 0 });

    const other = await runCli([...args.slice(0, -1), "2"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds results of a different evaluation \(repeat differ\); pass another --out/);
    const zero = await runCli([...args.slice(0, -1), "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--repeat must be a positive integer, got "0"/);
  });
});

describe("cg run: verdicts near the time limit", () => {
  it("takes --no-recheck, and a later run of the same command judges them then", async () => {
    const suite = await createDataset("humaneval").load();
    const book = new ProblemBook(suite, suite.problems.slice(0, 2));
    const [sleepy] = book.problems;
    const code = (problem: Problem) => (problem === sleepy ? `${book.rightCode(problem)}${SLEEP_NEAR_LIMIT}` : book.rightCode(problem));
    const server = await startOpenAiLoopback((request) => {
      const problem = book.problemIn(request.prompt);
      return { text: strategyAnswer(request.prompt, problem, code(problem), code(problem)) };
    });
    servers.push(server);
    const out = join(work, "run-recheck");
    const args = ["run", "--model", "openai-compatible:loopback", "--base-url", server.baseUrl, "--dataset", "humaneval", "--limit", "2", "--workers", "2", "--no-cache", "--out", out];
    const off = await runCli([...args, "--no-recheck"]);
    expect(off.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).config.recheck).toBe(false);
    expect(readLines(join(out, "results.jsonl")).map((line) => line.recheck)).toEqual([undefined, undefined]);
    expect(summaryOf(out)).toMatchObject({ rechecked: 0, "pass@1": 1 });

    const on = await runCli(args);
    expect(on.code).toBe(0);
    const rechecked = readLines(join(out, "results.jsonl")).filter((line) => line.recheck !== undefined);
    expect(rechecked.map((line) => [line.task_id, line.recheck!.first.status, line.recheck!.second.status])).toEqual([[sleepy!.taskId, "passed", "passed"]]);
    expect(summaryOf(out)).toMatchObject({ rechecked: 1, flaky: 0, "pass@1": 1 });
    expect(on.stdout).toMatch(/^re-judged alone\s+1 verdict near the time limit\nflaky\s+0\n/m);
  });
});
