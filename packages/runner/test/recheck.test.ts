import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatSummaryTable,
  InvalidLogLineError,
  isFlaky,
  nearTimeLimit,
  RECHECKS_FILE,
  recheckResults,
  summarize,
  summarizeStability,
  type RecheckProgress,
  type SampleResult,
  type VerdictFields,
} from "../src/index";

const TIMEOUT_SECONDS = 3;

function line(task: string, index: number, status: SampleResult["status"], durationMs: number, extra: Partial<SampleResult> = {}): SampleResult {
  return { task_id: task, sample_index: index, passed: status === "passed", status, error_type: null, error_message: null, duration_ms: durationMs, cpu_ms: Math.min(durationMs, 10), ...extra };
}

function verdict(status: SampleResult["status"], durationMs: number): VerdictFields {
  return { passed: status === "passed", status, error_type: null, error_message: null, duration_ms: durationMs, cpu_ms: 5 };
}

function writeResults(lines: readonly SampleResult[]): string {
  const dir = mkdtempSync(join(tmpdir(), "cg-recheck-"));
  const path = join(dir, "results.jsonl");
  writeFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
  return path;
}

function readLines<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((text) => text !== "")
    .map((text) => JSON.parse(text) as T);
}

/** A scorer whose verdicts the test sets per sample, counting what it was asked to judge. */
class ScriptedJudge {
  readonly asked: string[] = [];

  constructor(private readonly verdicts: Record<string, VerdictFields | Error>) {}

  judge = async (result: SampleResult): Promise<VerdictFields> => {
    const key = `${result.task_id}#${result.sample_index}${result.repeat === undefined ? "" : `@${result.repeat}`}`;
    this.asked.push(key);
    const answer = this.verdicts[key];
    if (answer === undefined) throw new Error(`${key} was not to be judged again`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
}

const everyLine = (taskId: string, sampleIndex: number) => ["A", "B", "C", "D"].includes(taskId) && sampleIndex < 2;

describe("which verdicts are judged again", () => {
  it("every timeout, and every verdict within 20% of the limit by wall or CPU time", () => {
    expect(nearTimeLimit(line("A", 0, "timeout", 10), 3)).toBe(true);
    expect(nearTimeLimit(line("A", 0, "passed", 2400), 3)).toBe(true);
    expect(nearTimeLimit(line("A", 0, "failed", 2399), 3)).toBe(false);
    expect(nearTimeLimit({ ...line("A", 0, "passed", 100), cpu_ms: 2500 }, 3)).toBe(true);
    // A wait for a CPU on a busy machine lengthens wall time past the limit without a timeout.
    expect(nearTimeLimit(line("A", 0, "passed", 7000), 3)).toBe(true);
    expect(nearTimeLimit(line("A", 0, "passed", 700), 1)).toBe(false);
  });
});

describe("recheckResults", () => {
  const first = [
    line("A", 0, "timeout", 3010),
    line("A", 1, "passed", 40),
    line("B", 0, "passed", 2600),
    line("C", 0, "failed", 2500, { error_type: "AssertionError" }),
    line("D", 0, "runtime_error", 20, { error_type: "ValueError" }),
  ];

  it("judges each verdict near the limit once more, alone, and records both outcomes; the second counts", async () => {
    const path = writeResults(first);
    const judge = new ScriptedJudge({ "A#0": verdict("passed", 1200), "B#0": verdict("passed", 2550), "C#0": verdict("timeout", 3005) });
    const progress: RecheckProgress[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await recheckResults<SampleResult>({
      resultsPath: path,
      timeoutSeconds: TIMEOUT_SECONDS,
      recheck: true,
      isPlanned: everyLine,
      judge: async (result) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return judge.judge(result);
      },
      onProgress: (p) => progress.push(p),
    });
    expect(judge.asked).toEqual(["A#0", "B#0", "C#0"]);
    expect(mostInFlight).toBe(1);
    expect(progress.map((p) => [p.done, p.total, p.changed])).toEqual([
      [0, 3, 0],
      [1, 3, 1],
      [2, 3, 1],
      [3, 3, 2],
    ]);

    const results = readLines<SampleResult>(path);
    expect(results.map((r) => [r.task_id, r.sample_index])).toEqual(first.map((r) => [r.task_id, r.sample_index]));
    expect(results[0]).toEqual({
      ...first[0],
      passed: true,
      status: "passed",
      duration_ms: 1200,
      cpu_ms: 5,
      recheck: {
        first: { passed: false, status: "timeout", error_type: null, duration_ms: 3010, cpu_ms: 10 },
        second: { passed: true, status: "passed", error_type: null, duration_ms: 1200, cpu_ms: 5 },
      },
    });
    expect(results[2]!.recheck).toEqual({
      first: { passed: true, status: "passed", error_type: null, duration_ms: 2600, cpu_ms: 10 },
      second: { passed: true, status: "passed", error_type: null, duration_ms: 2550, cpu_ms: 5 },
    });
    expect(results[3]).toMatchObject({ status: "timeout", passed: false, error_type: null, recheck: { first: { status: "failed", error_type: "AssertionError" } } });
    // Lines far from the limit are copied as they were.
    expect(readFileSync(path, "utf8").split("\n")[1]).toBe(JSON.stringify(first[1]));
    expect(results[4]).toEqual(first[4]);
    expect(results.filter(isFlaky).map((r) => r.task_id)).toEqual(["A", "C"]);

    const journal = readLines<{ task_id: string; first: VerdictFields; second: VerdictFields }>(join(path, "..", RECHECKS_FILE));
    expect(journal.map((r) => [r.task_id, r.first.status, r.second.status])).toEqual([
      ["A", "timeout", "passed"],
      ["B", "passed", "passed"],
      ["C", "failed", "timeout"],
    ]);
    expect(journal[2]!.first.error_type).toBe("AssertionError");

    const summary = summarize(results, { dataset: "d", datasetProblems: 4, ks: [1], checksums: { dataset: {}, samples: null }, timeoutSeconds: 3, scoringSeconds: 1, problemOrder: ["C", "B", "A", "D"] });
    expect(summary).toMatchObject({ rechecked: 3, flaky: 2, flaky_task_ids: ["C", "A"] });
    // pass@1 takes the second verdicts: A 2/2 (its timed-out sample passed alone), B 1, C 0, D 0.
    expect(summary["pass@1"]).toBeCloseTo((1 + 1 + 0 + 0) / 4, 12);
    const table = formatSummaryTable(summary);
    expect(table).toMatch(/^re-judged alone\s+3 verdicts near the time limit$/m);
    expect(table).toMatch(/^flaky\s+2 \(C, A\)$/m);

    // Judged once: a later run finds every recheck done and changes nothing.
    const before = readFileSync(path, "utf8");
    const again = new ScriptedJudge({});
    await recheckResults<SampleResult>({ resultsPath: path, timeoutSeconds: TIMEOUT_SECONDS, recheck: true, isPlanned: everyLine, judge: again.judge });
    expect(again.asked).toEqual([]);
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("keeps each recheck as it is done: a stopped run redoes only the rest, and merges them all", async () => {
    const path = writeResults(first);
    const stopped = new ScriptedJudge({ "A#0": verdict("passed", 900), "B#0": new Error("the sandbox went away") });
    await expect(recheckResults<SampleResult>({ resultsPath: path, timeoutSeconds: TIMEOUT_SECONDS, recheck: true, isPlanned: everyLine, judge: stopped.judge })).rejects.toThrow(
      "the sandbox went away",
    );
    expect(readLines<SampleResult>(path)).toEqual(first);
    expect(readLines<{ task_id: string }>(join(path, "..", RECHECKS_FILE)).map((r) => r.task_id)).toEqual(["A"]);

    // Without rechecks, what was judged is still written into the results; nothing is judged.
    const off = new ScriptedJudge({});
    await recheckResults<SampleResult>({ resultsPath: path, timeoutSeconds: TIMEOUT_SECONDS, recheck: false, isPlanned: everyLine, judge: off.judge });
    expect(off.asked).toEqual([]);
    expect(readLines<SampleResult>(path).map((r) => r.recheck?.second.status ?? null)).toEqual(["passed", null, null, null, null]);

    const resumed = new ScriptedJudge({ "B#0": verdict("passed", 2500), "C#0": verdict("failed", 2450) });
    await recheckResults<SampleResult>({ resultsPath: path, timeoutSeconds: TIMEOUT_SECONDS, recheck: true, isPlanned: everyLine, judge: resumed.judge });
    expect(resumed.asked).toEqual(["B#0", "C#0"]);
    const results = readLines<SampleResult>(path);
    expect(results.map((r) => r.recheck?.second.duration_ms ?? null)).toEqual([900, null, 2500, 2450, null]);
    expect(results.filter(isFlaky).map((r) => r.task_id)).toEqual(["A"]);
  });

  it("writes no journal when nothing is near the limit, and refuses a journal line it cannot trust", async () => {
    const path = writeResults([first[1]!, first[4]!]);
    await recheckResults<SampleResult>({ resultsPath: path, timeoutSeconds: TIMEOUT_SECONDS, recheck: true, isPlanned: everyLine, judge: new ScriptedJudge({}).judge });
    expect(existsSync(join(path, "..", RECHECKS_FILE))).toBe(false);

    const timedOut = writeResults([first[0]!]);
    const journal = join(timedOut, "..", RECHECKS_FILE);
    writeFileSync(journal, `${JSON.stringify({ task_id: "Z", sample_index: 0, first: verdict("timeout", 3000), second: verdict("passed", 10) })}\n`);
    const error = await recheckResults<SampleResult>({ resultsPath: timedOut, timeoutSeconds: TIMEOUT_SECONDS, recheck: true, isPlanned: everyLine, judge: new ScriptedJudge({}).judge }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidLogLineError);
    expect((error as Error).message).toBe(
      `${journal}:1: task "Z" sample 0 is not one this directory scores; nothing is resumed from a file with such a line: fix or delete line 1, or move the file aside, then rerun`,
    );
  });

  it("rechecks each repetition of a repeated judging on its own", async () => {
    const path = writeResults([line("A", 0, "timeout", 3000, { repeat: 0 }), line("A", 0, "passed", 100, { repeat: 1 }), line("A", 0, "timeout", 3000, { repeat: 2 })]);
    const judge = new ScriptedJudge({ "A#0@0": verdict("timeout", 3000), "A#0@2": verdict("passed", 800) });
    await recheckResults<SampleResult>({ resultsPath: path, timeoutSeconds: TIMEOUT_SECONDS, recheck: true, isPlanned: (task, index, repeat) => task === "A" && index === 0 && repeat < 3, judge: judge.judge });
    expect(judge.asked).toEqual(["A#0@0", "A#0@2"]);
    expect(readLines<SampleResult>(path).map((r) => [r.repeat, r.status, r.recheck?.first.status ?? null])).toEqual([
      [0, "timeout", "timeout"],
      [1, "passed", null],
      [2, "passed", "timeout"],
    ]);
  });
});

describe("summarizeStability", () => {
  it("counts the samples whose verdict was not the same every time, and the spread of each pass@k", () => {
    const results: SampleResult[] = [];
    const statuses: Record<string, Array<SampleResult["status"]>> = {
      "A#0": ["passed", "passed", "passed"],
      "A#1": ["failed", "failed", "failed"],
      "B#0": ["passed", "timeout", "passed"],
      "B#1": ["timeout", "timeout", "passed"],
    };
    for (let repeat = 0; repeat < 3; repeat++) {
      for (const [key, byRepeat] of Object.entries(statuses)) {
        const [task, index] = key.split("#");
        results.push(line(task!, Number(index), byRepeat[repeat]!, 100, { repeat }));
      }
    }
    const stability = summarizeStability(results, 3, [1, 2], ["B", "A"]);
    expect(stability).toMatchObject({ repeat: 3, samples: 4, flipped_samples: 2, flip_rate: 0.5, problems: 2, problems_with_flips: 1 });
    expect(stability.flipping_problems).toEqual([
      {
        task_id: "B",
        samples: 2,
        flipped_samples: 2,
        flipped: [
          { sample_index: 0, statuses: ["passed", "timeout", "passed"] },
          { sample_index: 1, statuses: ["timeout", "timeout", "passed"] },
        ],
      },
    ]);
    // pass@1 by repetition: (1/2 + 1/2) / 2, (1/2 + 0) / 2, (1/2 + 2/2) / 2.
    const pass1 = stability.pass_at_k["pass@1"]!;
    expect(pass1.values).toEqual([0.5, 0.25, 0.75]);
    expect([pass1.min, pass1.max, pass1.mean]).toEqual([0.25, 0.75, 0.5]);
    expect(pass1.stddev).toBeCloseTo(0.25, 12);
    expect(stability.pass_at_k["pass@2"]!.values).toEqual([1, 0.5, 1]);

    const steady = summarizeStability(results.filter((r) => r.task_id === "A"), 3, [1]);
    expect(steady).toMatchObject({ flipped_samples: 0, flip_rate: 0, problems_with_flips: 0, flipping_problems: [] });
    expect(steady.pass_at_k["pass@1"]).toEqual({ values: [0.5, 0.5, 0.5], mean: 0.5, min: 0.5, max: 0.5, stddev: 0 });
  });
});
