import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createDataset } from "@cg/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, launchChromium, type Browser, type Page } from "../../../packages/report/test/support/chromium";
import { ReportFile } from "../../../packages/report/test/support/report-file";
import { ProblemBook, strategyAnswer } from "../../../packages/runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback } from "../../../packages/runner/test/support/openai-loopback";
import { runCli } from "./run-cli";

// Two real runs of different strategies on HumanEval against a loopback model, reported and read
// back in Chromium. Screenshots go to $CG_SCREENSHOTS_DIR (the docs' are made this way), else to a
// temporary directory.

const PROBLEMS = 9;
let work: string;
let server: OpenAiLoopback;
let humaneval: ProblemBook;
const runs: Record<"direct" | "codesim", string> = { direct: "", codesim: "" };
const runOutput: Record<string, string> = {};
let screenshots: string;

interface Summary {
  "pass@1": number;
  pass_at_1_interval: { lower: number; upper: number };
  problems: number;
  samples: number;
  tokens_in: number;
  tokens_out: number;
  model_calls_per_problem: number;
  wall_seconds: number;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

function summaryOf(dir: string): Summary {
  return JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "cg-report-"));
  screenshots = process.env.CG_SCREENSHOTS_DIR ?? join(work, "screenshots");
  mkdirSync(screenshots, { recursive: true });
  const suite = await createDataset("humaneval").load();
  humaneval = new ProblemBook(suite, suite.problems.slice(0, PROBLEMS));
  // Every third problem gets wrong code first; debugging (which CodeSIM does, Direct not) fixes it.
  server = await startOpenAiLoopback((request) => {
    const problem = humaneval.problemIn(request.prompt);
    const first = humaneval.problems.indexOf(problem) % 3 === 0 ? humaneval.wrongCode(problem) : humaneval.rightCode(problem);
    return { text: strategyAnswer(request.prompt, problem, first, humaneval.rightCode(problem)) };
  });
  const ids = humaneval.problems.map((p) => p.taskId).join(",");
  for (const strategy of ["direct", "codesim"] as const) {
    runs[strategy] = join(work, "results", strategy);
    const run = await runCli(
      [
        ...["run", "--model", "openai-compatible:loopback", "--base-url", server.baseUrl, "--dataset", "humaneval", "--strategy", strategy],
        // The loopback model repairs code only when shown the cg profile's failure feedback.
        ...(strategy === "codesim" ? ["--prompts", "cg"] : []),
        ...["--problems", ids, "--workers", "2", "--out", runs[strategy]],
      ],
      { CG_CACHE_DIR: join(work, `cache-${strategy}`) },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    runOutput[strategy] = run.stdout;
  }
});

afterAll(async () => {
  await server?.close();
});

describe("cg run and cg eval", () => {
  it("write report.html into their output directory and print its path", async () => {
    for (const strategy of ["direct", "codesim"] as const) {
      const report = join(runs[strategy], "report.html");
      expect(runOutput[strategy]).toContain(`report: ${report}\n`);
      expect(new ReportFile(report).data().runs.map((r) => r.strategy)).toEqual([strategy]);
    }
    const evalOut = join(work, "eval");
    const scored = await runCli(["eval", "--dataset", "humaneval", "--samples", join(runs.direct, "samples.jsonl"), "--out", evalOut, "--workers", "2"]);
    expect(scored.code).toBe(0);
    expect(scored.stdout).toContain(`report: ${join(evalOut, "report.html")}\n`);
    const report = new ReportFile(join(evalOut, "report.html"));
    expect(report.data().runs[0]).toMatchObject({ kind: "eval", dataset: "humaneval" });
    const samples = readJsonl<{ task_id: string; completion: string }>(join(runs.direct, "samples.jsonl"));
    expect(report.detail(0, 0)!.samples[0]!.code).toBe(samples[0]!.completion);
  });
});

describe("cg report", () => {
  it("refuses a path that holds no results, saying what to pass, with exit 2", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    const missing = await runCli(["report", join(work, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`cg: ${join(work, "nope")} is not a directory; pass the output directory of cg run or cg eval (it holds summary.json)\n`);
    const none = await runCli(["report", empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/is not a results directory and holds none: pass the output directory of cg run or cg eval/);
    expect(existsSync(join(empty, "report.html"))).toBe(false);
  });

  describe.skipIf(chromiumMissing !== null)(chromiumMissing === null ? "in Chromium" : `in Chromium (skipped: ${chromiumMissing})`, () => {
    let browser: Browser;
    let page: Page;
    const out = () => join(work, "direct-vs-codesim.html");

    beforeAll(async () => {
      const report = await runCli(["report", runs.direct, runs.codesim, "--out", out()]);
      expect(report.stderr).toBe("");
      expect(report.code).toBe(0);
      expect(report.stdout).toBe(`report: ${out()}\n`);
      browser = await launchChromium();
      page = await browser.context.newPage();
      await page.goto(pathToFileURL(out()).href);
      await page.waitForSelector("html[data-ready=true]");
    });

    afterAll(async () => {
      await browser?.close();
    });

    it("shows on screen the numbers of each run's summary.json", async () => {
      for (const [row, strategy] of (["direct", "codesim"] as const).entries()) {
        const summary = summaryOf(runs[strategy]);
        const cell = (key: string) => page.locator(`#overview-table tr[data-run="${row}"] [data-key="${key}"]`);
        expect(Number(await cell("pass@1").getAttribute("data-value"))).toBe(summary["pass@1"]);
        expect(await cell("pass@1").textContent()).toBe(`${(100 * summary["pass@1"]).toFixed(1)}%`);
        expect(await cell("pass@1_ci").textContent()).toBe(`${(100 * summary.pass_at_1_interval.lower).toFixed(1)}% – ${(100 * summary.pass_at_1_interval.upper).toFixed(1)}%`);
        expect(await cell("problems").textContent()).toBe(String(summary.problems));
        expect(await cell("samples").textContent()).toBe(String(summary.samples));
        expect(await cell("tokens_in").textContent()).toBe(summary.tokens_in.toLocaleString("en-US"));
        expect(await cell("tokens_out").textContent()).toBe(summary.tokens_out.toLocaleString("en-US"));
        expect(Number(await cell("model_calls_per_problem").getAttribute("data-value"))).toBe(summary.model_calls_per_problem);
        expect(Number(await cell("wall_seconds").getAttribute("data-value"))).toBe(summary.wall_seconds);
        expect(await page.textContent(`#overview-table tr[data-run="${row}"] th`)).toBe(`${strategy} · openai-compatible:loopback`);
      }
      expect(summaryOf(runs.codesim)["pass@1"]).toBeGreaterThan(summaryOf(runs.direct)["pass@1"]);
      await page.screenshot({ path: join(screenshots, "report-overview.png") });
    });

    it("draws pass@1 against tokens with the Pareto front", async () => {
      await page.keyboard.press("p");
      await page.waitForSelector("#view-plots[data-rendered=true]");
      await page.waitForSelector("#plot-tokens .chart[data-drawn=true] canvas");
      await page.locator("#plot-tokens").screenshot({ path: join(screenshots, "report-plot-tokens.png") });
      await page.screenshot({ path: join(screenshots, "report-plots.png") });
    });

    it("filters the problem grid to what CodeSIM solves and Direct misses", async () => {
      const solved = (strategy: "direct" | "codesim") =>
        new Set(readJsonl<{ task_id: string; passed: boolean }>(join(runs[strategy], "results.jsonl")).filter((r) => r.passed).map((r) => r.task_id));
      const direct = solved("direct");
      const onlyCodesim = humaneval.problems.map((p) => p.taskId).filter((id) => solved("codesim").has(id) && !direct.has(id));
      expect(onlyCodesim.length).toBeGreaterThan(0);

      await page.keyboard.press("g");
      await page.waitForSelector("#view-grid[data-rendered=true]");
      await page.screenshot({ path: join(screenshots, "report-grid.png") });
      await page.selectOption("#grid-status", "only:1");
      expect(await page.$$eval("#problem-grid tbody th a", (links) => links.map((a) => a.textContent))).toEqual(onlyCodesim);
      await page.fill("#grid-filter", onlyCodesim[0]!);
      expect(await page.$$eval("#problem-grid tbody th a", (links) => links.map((a) => a.textContent))).toEqual([onlyCodesim[0]]);
      await page.fill("#grid-filter", "");
      await page.selectOption("#grid-status", "all");
    });

    it("opens a problem with CodeSIM's full trace: every call, sample-test run and decision", async () => {
      const taskId = humaneval.problems[0]!.taskId;
      const trace = readJsonl<{ task_id: string; type: string; usage?: { promptTokens: number; completionTokens: number } }>(join(runs.codesim, "trace.jsonl")).filter((line) => line.task_id === taskId);
      await page.click(`#problem-grid a[href="#problem/0/1"]`);
      await page.waitForSelector("#view-problem[data-rendered=true]");
      const sample = page.locator("#sample-1-0");
      await expect.poll(() => sample.getAttribute("open")).not.toBeNull();
      expect(await sample.locator("ol.trace > li").count()).toBe(trace.length);
      expect(await sample.locator("ol.trace > li.model_call").count()).toBe(trace.filter((l) => l.type === "model_call").length);
      expect(await sample.locator("ol.trace > li.sample_tests").count()).toBe(trace.filter((l) => l.type === "sample_tests").length);
      expect(await sample.locator("ol.trace > li.decision").count()).toBe(trace.filter((l) => l.type === "decision").length);
      const firstCall = trace.find((l) => l.type === "model_call")!;
      expect(await sample.locator("ol.trace > li.model_call .stats").first().textContent()).toContain(`${firstCall.usage!.promptTokens} in → ${firstCall.usage!.completionTokens} out`);
      expect(await sample.locator(".badge").first().textContent()).toBe("passed");
      expect(await page.locator("#sample-0-0 .badge").textContent()).toBe("wrong answer");
      await page.locator("#sample-1-0 ol.trace > li.sample_tests.failed").first().scrollIntoViewIfNeeded();
      await page.evaluate("window.scrollBy(0, -250)");
      await page.screenshot({ path: join(screenshots, "report-problem-trace.png") });
      await page.evaluate("window.scrollTo(0, 0)");
      await page.screenshot({ path: join(screenshots, "report-problem.png") });
    });

    it("compares the two runs on the same problems with McNemar's exact test", async () => {
      await page.keyboard.press("c");
      await page.waitForSelector("#view-compare[data-rendered=true]");
      expect(await page.textContent("#compare-sentence")).toMatch(/McNemar's exact test, p = /);
      await page.screenshot({ path: join(screenshots, "report-compare.png") });
    });
  });
});
