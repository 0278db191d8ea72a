import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  EVALUATION_FILE,
  isFlaky,
  recheckResults,
  RESULTS_FILE,
  summarize,
  summarizeRun,
  summarizeStability,
  SUMMARY_FILE,
  type EvalSummary,
  type GeneratedSampleResult,
  type RunSummary,
  type SampleResult,
  type SavedRunConfig,
} from "@cg/runner";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../src/index";
import { chromiumMissing, launchChromium, type Browser } from "./support/chromium";
import { ReportFile } from "./support/report-file";
import { syntheticProblems, writeSyntheticRun } from "./support/synthetic-runs";

const problems = syntheticProblems("synthetic", 30);
const FLIPPING = 4;
let runSummary: RunSummary;
let evalSummary: EvalSummary;
let flakyLines: GeneratedSampleResult[];
let reportPath: string;
let browser: Browser;

/**
 * A run whose timeouts were judged again by the runner's own recheck: every other one passed the
 * second time (flaky), the rest timed out again. Its summary is made again from the results, as
 * the run does.
 */
async function writeRecheckedRun(dir: string): Promise<RunSummary> {
  await writeSyntheticRun(dir, problems, { dataset: "synthetic", strategy: "direct", model: "openai:m", n: 2, ks: [1, 2], passRate: (p) => (p % 4) / 8, calls: 1, seed: 5 });
  const saved = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as SavedRunConfig;
  let judged = 0;
  await recheckResults<GeneratedSampleResult>({
    resultsPath: join(dir, RESULTS_FILE),
    timeoutSeconds: 3,
    recheck: true,
    isPlanned: () => true,
    judge: async () => {
      const passes = judged++ % 2 === 0;
      return { passed: passes, status: passes ? "passed" : "timeout", error_type: null, error_message: null, duration_ms: 1500, cpu_ms: 1400 };
    },
  });
  const summary = await summarizeRun(join(dir, RESULTS_FILE), { runId: saved.run_id, identity: saved.identity, ks: [1, 2], datasetChecksums: {}, samplesSha256: null, wallSeconds: 60 });
  writeFileSync(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** An evaluation judged three times, in the format `cg eval --repeat 3` writes: one problem's verdict flips. */
function writeRepeatedEvaluation(dir: string): EvalSummary {
  mkdirSync(dir, { recursive: true });
  const results: SampleResult[] = [];
  for (let repeat = 0; repeat < 3; repeat++) {
    for (const [p, problem] of problems.slice(0, 10).entries()) {
      const status = p === FLIPPING && repeat === 1 ? "timeout" : p % 2 === 0 ? "passed" : "failed";
      results.push({ task_id: problem.taskId, sample_index: 0, passed: status === "passed", status, error_type: null, error_message: null, duration_ms: 40, cpu_ms: 30, repeat });
    }
  }
  writeFileSync(join(dir, RESULTS_FILE), results.map((r) => `${JSON.stringify(r)}\n`).join(""));
  writeFileSync(join(dir, EVALUATION_FILE), `${JSON.stringify({ dataset: "synthetic", samples_sha256: "0".repeat(64), timeout_seconds: 3, repeat: 3 })}\n`);
  const order = problems.map((p) => p.taskId);
  const summary = summarize(
    results.filter((r) => r.repeat === 0),
    { dataset: "synthetic", datasetProblems: 30, ks: [1], checksums: { dataset: {}, samples: null }, timeoutSeconds: 3, scoringSeconds: 2, problemOrder: order },
  );
  summary.stability = summarizeStability(results, 3, [1], order);
  writeFileSync(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), "cg-report-verdicts-"));
  runSummary = await writeRecheckedRun(join(work, "run"));
  flakyLines = readFileSync(join(work, "run", RESULTS_FILE), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as GeneratedSampleResult)
    .filter(isFlaky);
  evalSummary = writeRepeatedEvaluation(join(work, "repeated"));
  reportPath = (await writeReport({ paths: [join(work, "run"), join(work, "repeated")], out: join(work, "report.html"), problems: { synthetic: problems } })).path;
});

describe("flaky verdicts and repeated judging in the report's data", () => {
  it("counts flaky samples per problem, and shows the first judging of a repeated evaluation", () => {
    expect(runSummary.flaky).toBeGreaterThan(0);
    expect(runSummary.flaky).toBe(flakyLines.length);
    expect(runSummary.rechecked).toBeGreaterThan(runSummary.flaky!);
    const data = new ReportFile(reportPath).data();
    const [run, repeated] = data.runs;
    const flakyByProblem = new Map<string, number>();
    for (const line of flakyLines) flakyByProblem.set(line.task_id, (flakyByProblem.get(line.task_id) ?? 0) + 1);
    expect(run!.flaky).toEqual(run!.problems.map((p) => flakyByProblem.get(data.problems[p]!.taskId) ?? 0));
    expect(repeated!.flaky).toBeUndefined();
    expect(repeated!.outcomes).toEqual(problems.slice(0, 10).map((_, p) => (p % 2 === 0 ? "P" : "W")));
    expect(evalSummary.stability).toMatchObject({ flipped_samples: 1, problems_with_flips: 1 });
  });
});

describe.skipIf(chromiumMissing !== null)(chromiumMissing === null ? "flaky verdicts and stability in Chromium" : `flaky verdicts and stability in Chromium (skipped: ${chromiumMissing})`, () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(hash = ""): Promise<{ page: Page; trouble: string[] }> {
    const page = await browser.context.newPage();
    const trouble: string[] = [];
    page.on("pageerror", (error) => trouble.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") trouble.push(`console error: ${message.text()}`);
    });
    await page.goto(`${pathToFileURL(reportPath).href}${hash}`);
    await page.waitForSelector("html[data-ready=true]");
    return { page, trouble };
  }

  it("shows each run's flaky count on the overview, linking to the problems, whose samples are marked", async () => {
    const { page, trouble } = await open();
    expect(await page.isVisible("#flaky-table")).toBe(true);
    expect(await page.textContent('#flaky-table tr[data-run="0"] [data-key="flaky"]')).toBe(String(runSummary.flaky));
    expect(await page.textContent('#flaky-table tr[data-run="0"] [data-key="rechecked"]')).toBe(String(runSummary.rechecked));
    expect(await page.textContent('#flaky-table tr[data-run="1"] [data-key="flaky"]')).toBe("0");
    const linked = await page.$$eval('#flaky-table tr[data-run="0"] .flaky-problems a', (links) => links.map((a) => a.textContent));
    expect(linked).toEqual(runSummary.flaky_task_ids);

    await page.click('#flaky-table tr[data-run="0"] .flaky-problems a');
    await page.waitForSelector("#view-problem[data-rendered=true]");
    const taskId = runSummary.flaky_task_ids![0]!;
    expect(await page.textContent("#problem-title")).toBe(taskId);
    const flakySamples = flakyLines.filter((line) => line.task_id === taskId).map((line) => line.sample_index);
    const badges = await page.$$eval("#run-0 details.sample", (samples) => samples.map((s) => (s.querySelector(".badge.flaky") === null ? null : s.querySelector("summary strong")!.textContent)));
    expect(badges.filter((b) => b !== null)).toEqual(flakySamples.map((i) => `Sample ${i}`));
    const title = await page.getAttribute("#run-0 .badge.flaky", "title");
    expect(title).toMatch(/^near the time limit, judged again alone: first timeout in \d+ ms, then passed in 1500 ms; the second counts$/);
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("marks the grid cells of flaky samples and filters the problems that have one", async () => {
    const { page, trouble } = await open("#grid");
    await page.waitForSelector("#view-grid[data-rendered=true]");
    const marked = await page.$$eval('#problem-grid td[data-flaky] a.flaky', (cells) => cells.map((a) => a.closest("tr")!.querySelector("th a")!.textContent));
    expect(marked).toEqual(runSummary.flaky_task_ids);
    expect(await page.getAttribute('#problem-grid td[data-flaky] a.flaky', "title")).toMatch(/· \d flaky \(changed when judged again alone\)$/);
    await page.selectOption("#grid-status", "flaky");
    const filtered = await page.$$eval("#problem-grid tbody th a", (links) => links.map((a) => a.textContent));
    expect(filtered).toEqual(runSummary.flaky_task_ids);
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("lists the problems whose verdict flipped over repeated judging, with the spread of pass@k", async () => {
    const { page, trouble } = await open();
    const section = page.locator('#stability .stability-run[data-run="1"]');
    expect(await section.locator(".flip-count").textContent()).toBe(
      "1 of 10 samples (10.00%) did not get the same verdict every time, in 1 of 10 problems. The run's other figures are those of the first judging.",
    );
    expect(await section.locator("ul.flipping li").allTextContents()).toEqual([`synthetic/${FLIPPING}: 1 of 1 sample (sample 0: passed → timeout → passed)`]);
    const spread = evalSummary.stability!.pass_at_k["pass@1"]!;
    expect(await section.locator("table.stability-table tbody tr").first().locator("td").allTextContents()).toEqual([
      `${(100 * spread.min).toFixed(2)}%`,
      `${(100 * spread.max).toFixed(2)}%`,
      `${(100 * spread.mean).toFixed(2)}%`,
      (100 * spread.stddev).toFixed(2),
    ]);
    expect([spread.min, spread.max]).toEqual([0.4, 0.5]);
    await section.locator("ul.flipping a").click();
    await page.waitForSelector("#view-problem[data-rendered=true]");
    expect(await page.textContent("#problem-title")).toBe(`synthetic/${FLIPPING}`);
    expect(await page.locator("#run-1 details.sample").count()).toBe(1);
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("reads without JavaScript", async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(pathToFileURL(reportPath).href);
      expect(await page.isVisible("#flaky-table")).toBe(true);
      expect(await page.textContent('#flaky-table tr[data-run="0"] [data-key="flaky"]')).toBe(String(runSummary.flaky));
      expect(await page.isVisible("#stability ul.flipping")).toBe(true);
    } finally {
      await plain.close();
    }
  });
});
