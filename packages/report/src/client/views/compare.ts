import { formatPercent, formatPValue } from "../../format";
import { comparePaired, type ProblemDelta } from "../../paired-comparison";
import { h } from "../dom";
import type { ReportIndex } from "../report-index";
import { navigate, routeHref } from "../router";

const LISTED = 100;

/**
 * Paired comparison of two runs (`#compare/<a>/<b>`) on the problems both scored: wins and losses
 * per problem, the paired test and a sentence saying whether the difference is beyond noise.
 */
export function renderCompare(view: HTMLElement, index: ReportIndex, args: string[]): void {
  const { data } = index;
  if (data.runs.length < 2) {
    view.append(h("p", { class: "note" }, "A comparison needs two runs: pass several results directories to cg report."));
    return;
  }
  const [first, second] = chosenPair(index, args);
  const select = (id: string, chosen: number) =>
    h("select", { id, "aria-label": id === "compare-a" ? "First run" : "Second run" }, data.runs.map((run, i) => h("option", { value: i, selected: i === chosen }, `${run.label} · ${run.dataset}`)));
  const a = select("compare-a", first);
  const b = select("compare-b", second);
  const change = () => navigate("compare", a.value, b.value);
  a.addEventListener("change", change);
  b.addEventListener("change", change);
  view.append(h("div", { class: "pair-select" }, a, h("span", null, "against"), b));

  const firstRun = data.runs[first]!;
  const secondRun = data.runs[second]!;
  const result = first === second ? null : comparePaired(firstRun.label, index.runs[first]!.counts, secondRun.label, index.runs[second]!.counts);
  if (result === null) {
    view.append(h("p", { class: "note", id: "compare-sentence" }, first === second ? "Choose two different runs." : "These runs share no scored problem (different datasets?)."));
    return;
  }
  view.append(
    h("p", { class: "sentence", id: "compare-sentence" }, result.sentence),
    h(
      "table",
      { class: "data", id: "compare-table" },
      h(
        "tbody",
        null,
        row("Problems both runs scored", String(result.shared)),
        row(`pass@1 of ${firstRun.label}`, formatPercent(result.firstPassAt1)),
        row(`pass@1 of ${secondRun.label}`, formatPercent(result.secondPassAt1)),
        row(`Problems where ${firstRun.label} does better`, String(result.wins.length)),
        row(`Problems where ${secondRun.label} does better`, String(result.losses.length)),
        row("Ties", String(result.ties)),
        row("Test", result.test.name),
        row("p-value", formatPValue(result.test.pValue)),
      ),
    ),
    deltaList(`${firstRun.label} does better`, result.wins, index, first, second),
    deltaList(`${secondRun.label} does better`, result.losses, index, first, second),
  );
}

function row(label: string, value: string): HTMLTableRowElement {
  return h("tr", null, h("th", { scope: "row" }, label), h("td", { class: "num" }, value));
}

/** The first pair of runs on the same dataset, unless the route names one. */
function chosenPair(index: ReportIndex, args: string[]): [number, number] {
  const count = index.data.runs.length;
  const [a, b] = args.map(Number);
  if (a !== undefined && b !== undefined && a >= 0 && b >= 0 && a < count && b < count) return [a, b];
  const runs = index.data.runs;
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) if (runs[i]!.dataset === runs[j]!.dataset) return [i, j];
  return [0, 1];
}

function deltaList(title: string, deltas: readonly ProblemDelta[], index: ReportIndex, first: number, second: number): HTMLElement {
  const { data } = index;
  const items = deltas.slice(0, LISTED).map((d) =>
    h(
      "li",
      null,
      h("a", { href: routeHref("problem", d.problem) }, data.problems[d.problem]!.taskId),
      h("span", { class: "note" }, ` ${formatPercent(d.first, 0)} against ${formatPercent(d.second, 0)}`),
    ),
  );
  return h(
    "div",
    { class: "card", "data-runs": `${first},${second}` },
    h("h3", null, `${title} (${deltas.length})`),
    deltas.length === 0 ? h("p", { class: "note" }, "None.") : h("ol", null, items),
    deltas.length > LISTED ? h("p", { class: "note" }, `The first ${LISTED} of ${deltas.length}, largest difference first.`) : null,
  );
}
