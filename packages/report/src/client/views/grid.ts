import { h } from "../dom";
import type { ReportIndex, RunCounts } from "../report-index";
import { routeHref } from "../router";

const PAGE_ROWS = 250;

/** The grid's filters, kept across visits so that returning from a problem finds it as it was. */
const state = { dataset: "", status: "all", text: "", shown: PAGE_ROWS };

/** Problems in the grid's current order and filter: the problem page steps through these. */
let filteredProblems: number[] = [];

export function gridOrder(): readonly number[] {
  return filteredProblems;
}

/**
 * The problem grid: problems × runs, each cell solved (every sample), partly solved, unsolved
 * or not run, linking to the problem's page. Filters by dataset, by status (what every run, no
 * run, or only one run solves) and by text in the task id or statement.
 */
export function renderGrid(view: HTMLElement, index: ReportIndex): void {
  const { data } = index;
  filteredProblems = applyFilter(index);
  const datasets = [...new Set(data.problems.map((p) => p.dataset))];
  const statusOptions: Array<[string, string]> = [
    ["all", "all problems"],
    ["all-solved", "solved by every run"],
    ["none-solved", "solved by no run"],
    ["split", "solved by some runs only"],
    ["flaky", "with a flaky verdict"],
    ...data.runs.flatMap((run, i): Array<[string, string]> => (data.runs.length > 1 ? [[`only:${i}`, `solved only by ${run.label}`], [`missed:${i}`, `missed only by ${run.label}`]] : [])),
  ];
  const text = h("input", { type: "search", id: "grid-filter", placeholder: "Filter by task id or statement  ( / )", value: state.text, "aria-label": "Filter problems by text" });
  const dataset = h("select", { id: "grid-dataset", "aria-label": "Dataset" }, h("option", { value: "" }, "all datasets"), datasets.map((d) => h("option", { value: d, selected: d === state.dataset }, d)));
  const status = h("select", { id: "grid-status", "aria-label": "Status" }, statusOptions.map(([value, label]) => h("option", { value, selected: value === state.status }, label)));
  const count = h("span", { class: "note", id: "grid-count", "aria-live": "polite" });
  const body = h("tbody");
  const more = h("button", { type: "button", id: "grid-more" });
  const refresh = (resetPaging: boolean) => {
    if (resetPaging) state.shown = PAGE_ROWS;
    filteredProblems = applyFilter(index);
    drawRows(body, index, filteredProblems.slice(0, state.shown));
    count.textContent = `${filteredProblems.length} of ${data.problems.length} problems`;
    more.hidden = filteredProblems.length <= state.shown;
    more.textContent = `Show ${Math.min(PAGE_ROWS, filteredProblems.length - state.shown)} more`;
  };
  text.addEventListener("input", () => {
    state.text = text.value;
    refresh(true);
  });
  dataset.addEventListener("change", () => {
    state.dataset = dataset.value;
    refresh(true);
  });
  status.addEventListener("change", () => {
    state.status = status.value;
    refresh(true);
  });
  more.addEventListener("click", () => {
    state.shown += PAGE_ROWS;
    refresh(false);
  });
  view.append(
    h("div", { class: "filters" }, text, datasets.length > 1 ? dataset : null, status, count),
    h(
      "p",
      { class: "legend" },
      h("span", null, h("i", { class: "cell-pass" }), "solved by every sample"),
      h("span", null, h("i", { class: "cell-partial" }), "by some samples"),
      h("span", null, h("i", { class: "cell-fail" }), "by none"),
      h("span", null, h("i", { class: "cell-none" }), "not run"),
      h("span", null, h("i", { class: "flaky" }), "a verdict changed when judged again alone (flaky)"),
    ),
    h(
      "div",
      { class: "table-wrap" },
      h("table", { class: "grid", id: "problem-grid" }, h("thead", null, h("tr", null, h("th", { class: "problem" }, "Problem"), data.runs.map((run) => h("th", { class: "run", title: `${run.label} (${run.dataset})` }, run.label)))), body),
    ),
    more,
  );
  refresh(false);
}

function applyFilter(index: ReportIndex): number[] {
  const { data } = index;
  const needle = state.text.trim().toLowerCase();
  const [kind, runArg] = state.status.split(":");
  const only = Number(runArg);
  const result: number[] = [];
  data.problems.forEach((problem, p) => {
    if (state.dataset !== "" && problem.dataset !== state.dataset) return;
    if (needle !== "" && !problem.taskId.toLowerCase().includes(needle) && !(problem.prompt ?? "").toLowerCase().includes(needle)) return;
    if (kind === "flaky") {
      if (!index.runs.some((run) => flakyCount(run, p) > 0)) return;
    } else if (kind !== "all") {
      // Only runs that scored the problem take part in its status.
      const solved: boolean[] = [];
      const runs: number[] = [];
      for (const run of index.runs) {
        const counts = run.counts.get(p);
        if (counts === undefined || counts.n === 0) continue;
        solved.push(counts.c > 0);
        runs.push(run.index);
      }
      const solvedBy = runs.filter((_, i) => solved[i]);
      if (kind === "all-solved" && solvedBy.length !== runs.length) return;
      if (kind === "none-solved" && solvedBy.length !== 0) return;
      if (kind === "split" && (solvedBy.length === 0 || solvedBy.length === runs.length)) return;
      if (kind === "only" && !(solvedBy.length === 1 && solvedBy[0] === only && runs.length > 1)) return;
      if (kind === "missed" && !(runs.includes(only) && !solvedBy.includes(only) && solvedBy.length === runs.length - 1 && runs.length > 1)) return;
    }
    result.push(p);
  });
  return result;
}

/** Samples of the problem whose verdict changed when the run judged them again alone. */
function flakyCount(run: RunCounts, problem: number): number {
  const position = run.positions.get(problem);
  return position === undefined ? 0 : (run.run.flaky?.[position] ?? 0);
}

function drawRows(body: HTMLElement, index: ReportIndex, problems: readonly number[]): void {
  const { data } = index;
  const rows = problems.map((p) =>
    h(
      "tr",
      { "data-problem": p },
      h("th", { class: "problem", scope: "row" }, h("a", { href: routeHref("problem", p) }, data.problems[p]!.taskId)),
      index.runs.map((run) => {
        const counts = run.counts.get(p);
        if (counts === undefined || counts.n === 0) return h("td", { title: `${run.run.label}: not run` }, h("span", { class: "cell-none" }));
        const kind = counts.c === counts.n ? "pass" : counts.c === 0 ? "fail" : "partial";
        const flaky = flakyCount(run, p);
        const title = `${data.problems[p]!.taskId} · ${run.run.label}: ${counts.c} of ${counts.n} samples passed${flaky > 0 ? ` · ${flaky} flaky (changed when judged again alone)` : ""}`;
        return h(
          "td",
          { "data-solved": counts.c > 0 ? "yes" : "no", ...(flaky > 0 ? { "data-flaky": flaky } : {}) },
          h("a", { class: flaky > 0 ? `cell-${kind} flaky` : `cell-${kind}`, href: routeHref("problem", p, run.index), title, "aria-label": title }, counts.n > 1 ? `${counts.c}` : ""),
        );
      }),
    ),
  );
  body.replaceChildren(...rows);
}
