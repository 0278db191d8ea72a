import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize, type RunSummary } from "@cg/runner";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidResultsError, writeReport } from "../src/index";
import { ReportFile } from "./support/report-file";
import { syntheticProblems, writeSyntheticRun } from "./support/synthetic-runs";

let work: string;
const problems = syntheticProblems("synthetic", 30);
const runDirs: string[] = [];
const summaries: RunSummary[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "cg-report-write-"));
  for (const [i, strategy] of ["direct", "codesim"].entries()) {
    const dir = join(work, strategy);
    summaries.push(await writeSyntheticRun(dir, problems, { dataset: "synthetic", strategy, model: "openai:m", n: 3, ks: [1, 2, 3], passRate: (p) => (p % 3) / 2 + 0.1 * i, calls: i === 0 ? 1 : 4, seed: i + 7 }));
    runDirs.push(dir);
  }
});

describe("writeReport", () => {
  it("writes the overview from each run's summary.json, making the output's folder if needed", async () => {
    const written = await writeReport({ paths: runDirs, out: join(work, "reports", "new", "two.html"), problems: { synthetic: problems } });
    expect(written).toMatchObject({ runs: 2, problems: 30, warnings: [] });
    const report = new ReportFile(written.path);
    for (const [run, summary] of summaries.entries()) {
      const row = report.overviewRow(run);
      for (const key of ["pass@1", "pass@2", "pass@3"] as const) {
        // A k that some problem has too few scored samples for is not in the summary, nor on screen.
        if (summary[key] === undefined) expect(row[key]).toEqual({ text: "–", value: undefined });
        else expect(Number(row[key]!.value)).toBe(summary[key]);
      }
      expect(row["pass@1"]!.text).toBe(`${(100 * summary["pass@1"]!).toFixed(1)}%`);
      expect(Number(row["pass@1_ci"]!.value)).toBe(summary.pass_at_1_interval.lower);
      expect(Number(row.samples!.value)).toBe(summary.samples);
      expect(Number(row.model_errors!.value)).toBe(summary.model_errors);
      expect(Number(row.tokens_in!.value)).toBe(summary.tokens_in);
      expect(Number(row.model_calls_per_problem!.value)).toBe(summary.model_calls_per_problem);
      expect(row.cost_usd).toEqual({ text: "–", value: undefined });
    }
    expect(report.html).toContain('download="overview.csv"');
  });

  it("carries every sample's outcome, and its code and trace in the problem's detail block", async () => {
    const written = await writeReport({ paths: runDirs, out: join(work, "details.html"), problems: { synthetic: problems } });
    const report = new ReportFile(written.path);
    const data = report.data();
    expect(data.runs.map((r) => r.label)).toEqual(["direct · openai:m", "codesim · openai:m"]);
    expect(data.problems[4]).toMatchObject({ dataset: "synthetic", taskId: "synthetic/4", prompt: problems[4]!.prompt, metadata: problems[4]!.metadata });

    const results = readFileSync(join(runDirs[1]!, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const traces = readFileSync(join(runDirs[1]!, "trace.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const codesim = data.runs[1]!;
    const passes = codesim.outcomes.join("").split("").filter((o) => o === "P").length;
    expect(passes).toBe(summaries[1]!.status_counts.passed);
    expect(codesim.runtimeErrorTypes.map((t) => data.errorTypes[t])).toEqual(results.filter((r) => r.status === "runtime_error").map((r) => r.error_type));

    const detail = report.detail(1, 4)!;
    const expected = results.filter((r) => r.task_id === "synthetic/4");
    expect(detail.samples.map((s) => [s.index, s.status, s.code])).toEqual(expected.map((r) => [r.sample_index, r.status, r.code]));
    for (const sample of detail.samples) {
      const lines = traces.filter((t) => t.task_id === "synthetic/4" && t.sample_index === sample.index);
      expect(sample.trace).toEqual(lines.map(({ task_id: _t, sample_index: _s, ...event }) => event));
    }
  });

  it("shows an evaluation's code from its samples file, and notes a torn last line", async () => {
    const dir = join(work, "eval");
    mkdirSync(dir);
    const verdicts = [
      { task_id: "HumanEval/0", sample_index: 0, passed: true, status: "passed", error_type: null, error_message: null, duration_ms: 5, cpu_ms: 4 },
      { task_id: "HumanEval/0", sample_index: 1, passed: false, status: "runtime_error", error_type: "NameError", error_message: "name 'x' is not defined", duration_ms: 5, cpu_ms: 4 },
    ] as const;
    writeFileSync(join(dir, "results.jsonl"), verdicts.map((v) => JSON.stringify(v)).join("\n") + "\n");
    appendFileSync(join(dir, "results.jsonl"), '{"task_id": "HumanEval/1", "sam');
    writeFileSync(join(dir, "evaluation.json"), JSON.stringify({ dataset: "humaneval", samples_sha256: "x", timeout_seconds: 3 }));
    const summary = summarize([...verdicts], { dataset: "humaneval", datasetProblems: 164, ks: [1], checksums: { dataset: {}, samples: null }, timeoutSeconds: 3, scoringSeconds: 1 });
    writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
    const samples = join(work, "samples.jsonl");
    writeFileSync(samples, ['{"task_id": "HumanEval/0", "completion": "    return True\\n"}', '{"task_id": "HumanEval/0", "completion": "    return x\\n"}'].join("\n") + "\n");

    const written = await writeReport({ paths: [dir], out: join(work, "eval.html"), samplesFiles: { [dir]: samples }, problems: { humaneval: [] } });
    expect(written.warnings).toEqual([`${join(dir, "results.jsonl")}:3 is an incomplete line (a killed writer) and is left out`]);
    const report = new ReportFile(written.path);
    const data = report.data();
    expect(data.runs[0]).toMatchObject({ kind: "eval", label: "eval", outcomes: ["PR"], hasCode: false, hasTrace: false });
    expect(data.errorTypes).toEqual(["NameError"]);
    expect(report.detail(0, 0)!.samples.map((s) => [s.code, s.errorMessage])).toEqual([
      ["    return True\n", null],
      ["    return x\n", "name 'x' is not defined"],
    ]);
    expect(report.overviewRow(0)["wall_seconds"]!.value).toBe("1");
  });

  it("refuses a results file with a status it does not know, and notes a dataset it cannot read", async () => {
    const dir = join(work, "future");
    await writeSyntheticRun(dir, problems.slice(0, 2), { dataset: "nonexistent", strategy: "direct", model: "openai:m", n: 1, passRate: () => 1, calls: 1, seed: 3 });
    const written = await writeReport({ paths: [dir], out: join(work, "future.html") });
    expect(written.warnings).toEqual([expect.stringMatching(/^prompts and metadata of nonexistent are not shown: unknown dataset "nonexistent"/)]);
    const report = new ReportFile(written.path);
    expect(report.data().problems.map((p) => p.prompt)).toEqual([null, null]);

    // The verdicts of stdin/stdout judging are known.
    const judged = ["wrong_answer", "compile_error", "toolchain_missing"].map((status, i) => JSON.stringify({ task_id: "synthetic/1", sample_index: i + 1, passed: false, status }));
    appendFileSync(join(dir, "results.jsonl"), `${judged.join("\n")}\n`);
    const outcomes = new ReportFile((await writeReport({ paths: [dir], out: join(work, "judged.html") })).path).data().runs[0]!.outcomes;
    expect(outcomes.join("").slice(-3)).toBe("WSL");

    appendFileSync(join(dir, "results.jsonl"), `${JSON.stringify({ task_id: "synthetic/1", sample_index: 4, passed: false, status: "exploded" })}\n`);
    await expect(writeReport({ paths: [dir], out: join(work, "future2.html") })).rejects.toThrow(InvalidResultsError);
    await expect(writeReport({ paths: [dir], out: join(work, "future2.html") })).rejects.toThrow(/sample 6 has status "exploded", which this report does not know/);
  });
});
