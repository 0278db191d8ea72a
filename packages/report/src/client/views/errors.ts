import { formatPercent } from "../../format";
import { OUTCOMES, RUNTIME_ERROR } from "../../outcomes";
import { h } from "../dom";
import type { ReportIndex } from "../report-index";
import { routeHref } from "../router";

/** A row of the taxonomy: an outcome, or one exception type of the runtime errors. */
interface Category {
  code: string;
  label: string;
  errorType?: number;
}

interface SampleRef {
  problem: number;
  sample: number;
}

const SHOWN_SAMPLES = 200;

/**
 * The error taxonomy: per run, how many samples passed, were wrong, raised (by exception type),
 * did not parse, ran out of time, memory or output, or failed on the model side. Each count
 * opens the list of its samples (`#errors/<run>/<outcome>[/<exception type>]`).
 */
export function renderErrors(view: HTMLElement, index: ReportIndex, args: string[]): void {
  const { data } = index;
  const samples = data.runs.map((run) => categorize(run.outcomes, run.runtimeErrorTypes, run.problems));
  const typeTotals = new Map<number, number>();
  for (const run of samples) for (const [key, refs] of run) if (key.startsWith(`${RUNTIME_ERROR}:`)) {
    const type = Number(key.slice(2));
    typeTotals.set(type, (typeTotals.get(type) ?? 0) + refs.length);
  }
  const categories: Category[] = [];
  for (const outcome of OUTCOMES) {
    categories.push({ code: outcome.code, label: outcome.label });
    if (outcome.code === RUNTIME_ERROR) {
      for (const [type] of [...typeTotals].sort((a, b) => b[1] - a[1])) categories.push({ code: RUNTIME_ERROR, label: data.errorTypes[type]!, errorType: type });
    }
  }
  const totals = data.runs.map((run) => run.outcomes.reduce((sum, o) => sum + o.length, 0));
  const rows = categories
    .filter((category) => samples.some((run) => (run.get(keyOf(category))?.length ?? 0) > 0))
    .map((category) =>
      h(
        "tr",
        { class: category.errorType === undefined ? null : "sub" },
        h("th", { scope: "row" }, category.errorType === undefined ? category.label : h("span", { class: "mono" }, `\u2003${category.label}`)),
        data.runs.map((_, runIndex) => {
          const count = samples[runIndex]!.get(keyOf(category))?.length ?? 0;
          const share = totals[runIndex]! === 0 ? 0 : count / totals[runIndex]!;
          const href = routeHref("errors", runIndex, category.code, ...(category.errorType === undefined ? [] : [data.errorTypes[category.errorType]!]));
          return h("td", { class: "num", "data-count": count }, count === 0 ? "–" : h("a", { href, title: `${count} samples: list them` }, `${count}`), count === 0 ? null : h("span", { class: "note" }, ` ${formatPercent(share)}`));
        }),
      ),
    );
  view.append(
    h("p", { class: "note" }, "Samples by outcome, per run. A runtime error is split by its exception type. Select a count to list its samples."),
    h(
      "div",
      { class: "table-wrap" },
      h("table", { class: "data", id: "errors-table" }, h("thead", null, h("tr", null, h("th", null, "Outcome"), data.runs.map((run) => h("th", { class: "num", title: run.dir }, run.label)))), h("tbody", null, rows)),
    ),
  );

  const [runArg, code, typeName] = args;
  if (runArg === undefined || code === undefined) return;
  const runIndex = Number(runArg);
  const run = data.runs[runIndex];
  if (run === undefined) return;
  const typeIndex = typeName === undefined ? undefined : data.errorTypes.indexOf(typeName);
  const category = categories.find((c) => c.code === code && c.errorType === typeIndex) ?? { code, label: code, ...(typeIndex === undefined ? {} : { errorType: typeIndex }) };
  const refs = samples[runIndex]!.get(keyOf(category)) ?? [];
  const list = h("ol", { class: "sample-list", id: "errors-samples" });
  const show = (limit: number) => {
    list.replaceChildren(
      ...refs.slice(0, limit).map(({ problem, sample }) =>
        h("li", null, h("a", { href: routeHref("problem", problem, runIndex, sample) }, `${data.problems[problem]!.taskId}`), h("span", { class: "note" }, ` sample ${sample}`)),
      ),
    );
  };
  show(SHOWN_SAMPLES);
  const showAll = h("button", { type: "button" }, `Show all ${refs.length}`);
  showAll.addEventListener("click", () => {
    show(refs.length);
    showAll.remove();
  });
  view.append(h("div", { class: "card" }, h("h3", null, `${run.label}: ${category.label} (${refs.length})`), list, refs.length > SHOWN_SAMPLES ? showAll : null));
}

function keyOf(category: Category): string {
  return category.errorType === undefined ? category.code : `${category.code}:${category.errorType}`;
}

/** The samples of a run under each outcome, and under each runtime error's exception type. */
function categorize(outcomes: readonly string[], runtimeErrorTypes: readonly number[], problems: readonly number[]): Map<string, SampleRef[]> {
  const byKey = new Map<string, SampleRef[]>();
  const push = (key: string, ref: SampleRef) => {
    const refs = byKey.get(key) ?? [];
    byKey.set(key, refs);
    refs.push(ref);
  };
  let runtimeError = 0;
  outcomes.forEach((problemOutcomes, position) => {
    for (let sample = 0; sample < problemOutcomes.length; sample++) {
      const code = problemOutcomes[sample]!;
      const ref = { problem: problems[position]!, sample };
      push(code, ref);
      if (code === RUNTIME_ERROR) push(`${code}:${runtimeErrorTypes[runtimeError++]}`, ref);
    }
  });
  return byKey;
}
