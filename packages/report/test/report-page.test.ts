import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RunSummary } from "@cg/runner";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPercent } from "../src/format";
import { writeReport } from "../src/index";
import { comparePaired } from "../src/paired-comparison";
import { chromiumMissing, launchChromium, type Browser } from "./support/chromium";
import { ReportFile } from "./support/report-file";
import { syntheticProblems, writeSyntheticRun } from "./support/synthetic-runs";

const problems = syntheticProblems("synthetic", 40);
const summaries: RunSummary[] = [];
const dirs: string[] = [];
let reportPath: string;
let reportUrl: string;
let browser: Browser;

describe.skipIf(chromiumMissing !== null)(chromiumMissing === null ? "the report page in Chromium" : `the report page in Chromium (skipped: ${chromiumMissing})`, () => {
  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), "cg-report-page-"));
    for (const [i, strategy] of ["direct", "codesim", "mapcoder"].entries()) {
      const dir = join(work, strategy);
      summaries.push(await writeSyntheticRun(dir, problems, { dataset: "synthetic", strategy, model: "openai:m", n: 2, ks: [1, 2], passRate: (p) => ((p * 13) % 10) / 10 + 0.05 * i, calls: 1 + i, seed: 11 + i }));
      dirs.push(dir);
    }
    reportPath = (await writeReport({ paths: dirs, out: join(work, "report.html"), problems: { synthetic: problems } })).path;
    reportUrl = pathToFileURL(reportPath).href;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report, failing the test on any script error or any request beyond the file itself. */
  async function open(hash = ""): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.context.newPage();
    const trouble: string[] = [];
    page.on("pageerror", (error) => trouble.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") trouble.push(`console error: ${message.text()}`);
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(reportUrl)) trouble.push(`request: ${request.url()}`);
    });
    await page.goto(`${reportUrl}${hash}`);
    await page.waitForSelector("html[data-ready=true]");
    return { page, problems: trouble };
  }

  it("shows the overview of every run with the numbers of summary.json, sortable by any column", async () => {
    const { page, problems: trouble } = await open();
    const shown = await page.$$eval("#overview-table tbody tr", (rows) => rows.map((row) => row.querySelector('[data-key="pass@1"]')!.textContent));
    expect(shown).toEqual(summaries.map((s) => formatPercent(s["pass@1"])));
    await page.click('#overview-table th[data-key="pass@1"] button');
    const descending = await page.$$eval('#overview-table tbody [data-key="pass@1"]', (cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
    expect(descending).toEqual([...summaries.map((s) => s["pass@1"]!)].sort((a, b) => b - a));
    expect(await page.getAttribute('#overview-table th[data-key="pass@1"]', "aria-sort")).toBe("descending");
    await page.click('#overview-table th[data-key="pass@1"] button');
    const ascending = await page.$$eval('#overview-table tbody [data-key="pass@1"]', (cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
    expect(ascending).toEqual([...descending].reverse());
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("reads without JavaScript: the overview and its exports are in the page itself", async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await plain.context.newPage();
      await page.goto(reportUrl);
      const rows = await page.$$eval("#overview-table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
      expect(rows).toHaveLength(3);
      expect(rows[1]).toContain(formatPercent(summaries[1]!["pass@1"]));
      expect(rows[1]).toContain(summaries[1]!.tokens_in.toLocaleString("en-US"));
      expect(await page.isVisible("#overview-table")).toBe(true);
      expect(await page.textContent("#export-latex")).toContain("\\toprule");
    } finally {
      await plain.close();
    }
  });

  it("draws the plots: trade-offs, pass@k, breakdowns by each metadata key and calls per problem", async () => {
    const { page, problems: trouble } = await open();
    await page.keyboard.press("p");
    await page.waitForSelector("#view-plots[data-rendered=true]");
    for (const id of ["plot-tokens", "plot-pass-at-k", "plot-by-contest_date", "plot-by-difficulty", "plot-by-rating", "plot-by-tags", "plot-calls"]) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await page.waitForSelector(`#${id} .chart[data-drawn=true] canvas`);
    }
    expect(await page.textContent("#plot-cost")).toContain("No run has a known cost");
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("counts outcomes per run and lists the samples behind a count, each opening its problem page", async () => {
    const { page, problems: trouble } = await open("#errors");
    await page.waitForSelector("#view-errors[data-rendered=true]");
    const results = readFileSync(join(dirs[1]!, "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { task_id: string; status: string; error_type: string | null });
    const valueErrors = results.filter((r) => r.status === "runtime_error" && r.error_type === "ValueError");
    const link = page.locator('#errors-table a[href="#errors/1/R/ValueError"]');
    expect(Number(await link.textContent())).toBe(valueErrors.length);
    await link.click();
    await page.waitForSelector("#errors-samples");
    const listed = await page.$$eval("#errors-samples li a", (links) => links.map((a) => a.textContent));
    expect(listed).toEqual(valueErrors.map((r) => r.task_id));
    await page.click("#errors-samples li:first-child a");
    await page.waitForSelector("#view-problem[data-rendered=true]");
    expect(await page.textContent("#problem-title")).toBe(valueErrors[0]!.task_id);
    expect(await page.locator("#view-problem details.sample[open] .badge").first().textContent()).toBe("runtime error");
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("filters the problem grid by text and status, and steps through the filtered problems with j and k", async () => {
    const { page, problems: trouble } = await open();
    await page.keyboard.press("/");
    await page.waitForSelector("#view-grid[data-rendered=true]");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("grid-filter");
    await page.keyboard.type("synthetic/1");
    const ids = await page.$$eval("#problem-grid tbody th a", (links) => links.map((a) => a.textContent));
    expect(ids).toEqual(["synthetic/1", ...Array.from({ length: 10 }, (_, i) => `synthetic/${10 + i}`)]);
    expect(await page.textContent("#grid-count")).toBe("11 of 40 problems");

    await page.fill("#grid-filter", "");
    await page.selectOption("#grid-status", "none-solved");
    const unsolved = await page.$$eval("#problem-grid tbody tr", (rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.dataset.solved)));
    expect(unsolved.length).toBeGreaterThan(0);
    for (const cells of unsolved) expect(cells.every((c) => c === "no")).toBe(true);
    const order = await page.$$eval("#problem-grid tbody th a", (links) => links.map((a) => a.textContent));

    await page.click("#problem-grid tbody tr:first-child th a");
    await page.waitForSelector("#view-problem[data-rendered=true]");
    expect(await page.textContent("#problem-title")).toBe(order[0]);
    await page.keyboard.press("j");
    await expect.poll(() => page.textContent("#problem-title")).toBe(order[1]);
    await page.keyboard.press("u");
    await page.waitForSelector("#view-grid:not([hidden])");
    expect(await page.inputValue("#grid-status")).toBe("none-solved");
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("shows a problem's prompt, each sample's highlighted code and verdict, and the full trace", async () => {
    const report = new ReportFile(reportPath);
    const { page, problems: trouble } = await open("#problem/4/2/1");
    await page.waitForSelector("#view-problem[data-rendered=true]");
    expect(await page.textContent("#view-problem pre.prompt")).toBe(problems[4]!.prompt);
    const sample = page.locator("#sample-2-1");
    expect(await sample.getAttribute("open")).not.toBeNull();
    const detail = report.detail(2, 4)!.samples[1]!;
    expect(await sample.locator("ol.trace > li").count()).toBe(detail.trace.length);
    if (detail.code !== null) {
      expect(await sample.locator("pre.code").first().textContent()).toBe(detail.code);
      expect(await sample.locator("pre.code .hljs-keyword").count()).toBeGreaterThan(0);
    }
    const firstCall = detail.trace.find((event) => event.type === "model_call");
    if (firstCall?.type === "model_call") expect(await sample.locator("ol.trace pre.answer").first().textContent()).toBe(firstCall.text);
    // Samples of other runs are drawn when opened.
    const closed = page.locator("#sample-0-0");
    expect(await closed.locator("ol.trace").count()).toBe(0);
    await closed.locator("summary").click();
    await expect.poll(() => closed.locator("h4").count()).toBeGreaterThan(0);
    // Moving on while a problem's samples are still being decoded shows the new problem alone.
    await page.evaluate(() => new Promise<void>((resolve) => {
      location.hash = "#problem/5";
      setTimeout(() => {
        location.hash = "#problem/6";
        resolve();
      }, 0);
    }));
    await expect.poll(() => page.textContent("#problem-title")).toBe("synthetic/6");
    await page.waitForSelector("#view-problem[data-rendered=true]");
    await expect.poll(() => page.locator("#view-problem .samples details.sample").count()).toBe(3 * 2);
    expect(await page.locator("#view-problem .run-block").count()).toBe(3);
    expect(await page.locator("#problem-title").count()).toBe(1);
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("compares two runs problem by problem with the paired test's result in a sentence", async () => {
    const report = new ReportFile(reportPath);
    const data = report.data();
    const counts = (run: number) =>
      new Map(data.runs[run]!.problems.map((p, i) => [p, { n: [...data.runs[run]!.outcomes[i]!].filter((o) => o !== "E").length, c: [...data.runs[run]!.outcomes[i]!].filter((o) => o === "P").length }]));
    const expected = comparePaired(data.runs[0]!.label, counts(0), data.runs[2]!.label, counts(2))!;
    const { page, problems: trouble } = await open("#compare/0/2");
    await page.waitForSelector("#view-compare[data-rendered=true]");
    expect(await page.textContent("#compare-sentence")).toBe(expected.sentence);
    expect(expected.test.name).toMatch(/paired bootstrap/);
    await page.selectOption("#compare-b", "1");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#compare/0/1");
    expect(trouble).toEqual([]);
    await page.close();
  });

  it("switches between light and dark themes and prints the overview alone", async () => {
    const { page, problems: trouble } = await open("#plots");
    await page.waitForSelector("#plot-tokens .chart[data-drawn=true]");
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe("rgb(255, 255, 255)");
    await page.keyboard.press("t");
    expect(await page.getAttribute("html", "data-theme")).toBe("light");
    await page.keyboard.press("t");
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    expect(await background()).toBe("rgb(20, 23, 29)");
    await page.waitForSelector("#plot-tokens .chart[data-drawn=true] canvas");

    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible("#overview-table")).toBe(true);
    expect(await page.isVisible("#view-plots")).toBe(false);
    expect(await page.isVisible(".tabs")).toBe(false);
    expect(trouble).toEqual([]);
    await page.close();
  });
});
