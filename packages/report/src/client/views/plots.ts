import { passAtK, paretoFront } from "@cg/metrics";
import { metadataBreakdowns, type Breakdown } from "../../breakdowns";
import { formatCost, formatInteger, formatPercent } from "../../format";
import { escapeHtml } from "../../html";
import { mountChart } from "../charts";
import { h } from "../dom";
import type { ReportIndex } from "../report-index";

/** The plots: pass@1 against cost and tokens with the Pareto front, pass@k over k, breakdowns by metadata, calls per problem. */
export function renderPlots(view: HTMLElement, index: ReportIndex): void {
  const charts = h("div", { class: "charts" });
  view.append(charts);
  const add = (title: string, note: string, draw: ((element: HTMLElement) => void) | null, id: string) => {
    const chart = h("div", { class: "chart", role: "img", "aria-label": title });
    charts.append(h("div", { class: "card", id }, h("h3", null, title), h("p", { class: "note" }, note), draw ? chart : null));
    draw?.(chart);
  };
  const runs = index.data.runs;
  const costs = runs.map((run) => ("cost_usd" in run.summary ? run.summary.cost_usd : null));
  const tokens = runs.map((run) => ("tokens_in" in run.summary ? run.summary.tokens_in + run.summary.tokens_out : null));
  const pricedRuns = costs.filter((c) => c !== null).length;
  add(
    "pass@1 against cost",
    pricedRuns > 0
      ? "One point per run with its 95% interval; the dashed line joins the Pareto front (no other run is both cheaper and better)."
      : "No run has a known cost: its model has no list price. See tokens instead.",
    pricedRuns > 0 ? (el) => tradeOff(el, index, costs, "Cost (USD)", formatCost) : null,
    "plot-cost",
  );
  add(
    "pass@1 against tokens",
    "Tokens in and out over the whole run, one point per run with its 95% interval; the dashed line joins the Pareto front.",
    tokens.some((t) => t !== null) ? (el) => tradeOff(el, index, tokens, "Tokens (in + out)", formatInteger) : null,
    "plot-tokens",
  );
  const severalSamples = index.runs.some(({ counts }) => fewestSamples(counts) >= 2);
  add(
    "pass@k over k",
    severalSamples
      ? "The unbiased estimator for every k up to the fewest samples any problem of the run has."
      : "With one sample per problem, pass@1 is the only pass@k (see the overview).",
    severalSamples ? (el) => passAtKCurves(el, index) : null,
    "plot-pass-at-k",
  );
  for (const breakdown of metadataBreakdowns(index.data.problems)) {
    add(
      `pass@1 by ${breakdown.key}`,
      `Problems grouped by their ${breakdown.key}${breakdown.kind === "tag" ? " (the 20 most common; a problem counts under each of its tags)" : ""}; each group's problem count is in its label.`,
      (el) => breakdownChart(el, index, breakdown),
      `plot-by-${breakdown.key}`,
    );
  }
  const generating = runs.some((run) => run.calls.some((calls) => calls > 0));
  add(
    "Model calls per problem",
    generating ? "How many problems needed how many model calls (per sample, averaged over a problem's samples)." : "No run made model calls (evaluations of samples written elsewhere).",
    generating ? (el) => callsHistogram(el, index) : null,
    "plot-calls",
  );
}

function tradeOff(element: HTMLElement, index: ReportIndex, xs: Array<number | null>, axisName: string, format: (v: number) => string): void {
  const runs = index.data.runs;
  const points = runs.map((run, i) => ({ cost: xs[i] ?? null, score: run.summary["pass@1"] ?? 0 }));
  const front = paretoFront(points);
  const onFront = new Set(front);
  const known = points.flatMap((p) => (p.cost === null ? [] : [p.cost]));
  const middle = (Math.min(...known) + Math.max(...known)) / 2;
  mountChart(element, {
    grid: { left: 60, right: 40, top: 30, bottom: 50 },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number; seriesIndex: number }) => {
        if (p.seriesIndex !== 0) return "";
        const run = runs[p.dataIndex]!;
        const ci = run.summary.pass_at_1_interval;
        return `<b>${escapeHtml(run.label)}</b><br>${escapeHtml(run.dataset)}<br>pass@1 ${formatPercent(run.summary["pass@1"])} (95% CI ${formatPercent(ci.lower)}–${formatPercent(ci.upper)})<br>${escapeHtml(axisName)}: ${format(xs[p.dataIndex] as number)}${onFront.has(p.dataIndex) ? "<br>on the Pareto front" : ""}`;
      },
    },
    xAxis: { type: "value", name: axisName, nameLocation: "middle", nameGap: 30, scale: true, axisLabel: { formatter: (v: number) => format(v) } },
    yAxis: { type: "value", name: "pass@1", min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
    series: [
      {
        type: "scatter",
        symbolSize: 12,
        data: points.map((p, i) =>
          p.cost === null
            ? null
            : {
                value: [p.cost, p.score],
                name: runs[i]!.label,
                itemStyle: onFront.has(i) ? { borderColor: "#f0a800", borderWidth: 3 } : {},
                // Labels point inwards, so that the runs at either end keep theirs.
                label: { position: known.length > 1 && p.cost > middle ? "left" : "right" },
              },
        ),
        label: { show: true, formatter: (p: { name: string }) => p.name, fontSize: 11 },
        labelLayout: { hideOverlap: true },
        z: 3,
      },
      {
        type: "line",
        name: "Pareto front",
        data: front.map((i) => [points[i]!.cost, points[i]!.score]),
        lineStyle: { type: "dashed", color: "#f0a800" },
        symbol: "none",
        silent: true,
      },
      // Each run's 95% bootstrap interval of pass@1, as a vertical bar through its point.
      ...points.flatMap((p, i) => {
        if (p.cost === null) return [];
        const ci = runs[i]!.summary.pass_at_1_interval;
        return [{ type: "line", data: [[p.cost, ci.lower], [p.cost, ci.upper]], symbol: "none", silent: true, lineStyle: { width: 1, color: "#8a919e" }, z: 1 }];
      }),
    ],
  });
}

function passAtKCurves(element: HTMLElement, index: ReportIndex): void {
  const series = index.runs.map(({ run, counts }) => {
    const entries = [...counts.values()].filter((e) => e.n > 0);
    const fewest = fewestSamples(counts);
    const data: Array<[number, number]> = [];
    for (let k = 1; k <= fewest; k++) data.push([k, entries.reduce((sum, e) => sum + passAtK(e.n, e.c, k), 0) / entries.length]);
    return { type: "line", name: run.label, data, symbolSize: 6 };
  });
  const maxK = Math.max(1, ...series.map((s) => s.data.length));
  mountChart(element, {
    grid: { left: 60, right: 30, top: 40, bottom: 50 },
    legend: { type: "scroll", top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => formatPercent(v) },
    xAxis: { type: maxK > 20 ? "log" : "value", name: "k", nameLocation: "middle", nameGap: 30, min: 1, max: maxK, minInterval: 1 },
    yAxis: { type: "value", name: "pass@k", min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
    series,
  });
}

/** The fewest scored samples any problem of a run has (0 for a run with none): the largest k its pass@k exists for. */
function fewestSamples(counts: ReadonlyMap<number, { n: number }>): number {
  const scored = [...counts.values()].filter((e) => e.n > 0).map((e) => e.n);
  return scored.length === 0 ? 0 : Math.min(...scored);
}

function breakdownChart(element: HTMLElement, index: ReportIndex, breakdown: Breakdown): void {
  const labels = breakdown.groups.map((group) => `${group.label} (${group.problems.length})`);
  const series = index.runs.map(({ run, index: runIndex }) => ({
    type: breakdown.kind === "date" ? "line" : "bar",
    name: run.label,
    data: breakdown.groups.map((group) => index.passAt1On(runIndex, group.problems)?.value ?? null),
    connectNulls: false,
  }));
  mountChart(element, {
    grid: { left: 60, right: 30, top: 40, bottom: 80 },
    legend: { type: "scroll", top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "not run" : formatPercent(v)) },
    xAxis: { type: "category", data: labels, axisLabel: { rotate: labels.length > 6 ? 30 : 0, interval: 0 } },
    yAxis: { type: "value", name: "pass@1", min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
    series,
  });
}

function callsHistogram(element: HTMLElement, index: ReportIndex): void {
  const perRun = index.runs
    .filter(({ run }) => run.calls.some((calls) => calls > 0))
    .map(({ run }) => ({ label: run.label, values: run.calls.map((calls, position) => Math.round(calls / Math.max(1, run.outcomes[position]!.length))) }));
  const all = perRun.flatMap((r) => r.values).sort((a, b) => a - b);
  // Long tails (a strategy's rare worst case) are folded into one last bin.
  const top = Math.max(1, all[Math.floor(0.99 * (all.length - 1))] ?? 1);
  const bins = Array.from({ length: top + 1 }, (_, i) => (i === top && all[all.length - 1]! > top ? `≥ ${top}` : String(i)));
  mountChart(element, {
    grid: { left: 60, right: 30, top: 40, bottom: 50 },
    legend: { type: "scroll", top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: bins, name: "model calls", nameLocation: "middle", nameGap: 30 },
    yAxis: { type: "value", name: "problems", minInterval: 1 },
    series: perRun.map(({ label, values }) => {
      const counts = new Array<number>(top + 1).fill(0);
      for (const v of values) counts[Math.min(v, top)]! += 1;
      return { type: "bar", name: label, data: counts };
    }),
  });
}
