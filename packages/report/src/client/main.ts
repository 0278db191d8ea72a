import { REPORT_DATA_ELEMENT_ID, type ReportData } from "../report-model";
import { byId, h } from "./dom";
import { plotsModule } from "./plots-module";
import { bindShortcuts, shortcutHelp, type Shortcut } from "./keyboard";
import { makeSortable } from "./overview-sort";
import { ReportIndex } from "./report-index";
import { currentRoute, navigate, type Route } from "./router";
import { cycleTheme, setUpTheme } from "./theme";
import { renderCompare } from "./views/compare";
import { renderErrors } from "./views/errors";
import { renderGrid } from "./views/grid";
import { adjacentProblem, renderProblem } from "./views/problem";

const data = JSON.parse(byId(REPORT_DATA_ELEMENT_ID).textContent ?? "") as ReportData;
const index = new ReportIndex(data);

type Render = (body: HTMLElement, index: ReportIndex, args: string[]) => void | Promise<void>;

/** Views drawn once and kept (their own state survives a visit elsewhere), and views drawn per route. */
const VIEWS: Record<string, { render: Render; perRoute: boolean }> = {
  overview: { render: () => undefined, perRoute: false },
  plots: { render: (body, index) => plotsModule().renderPlots(body, index), perRoute: false },
  errors: { render: renderErrors, perRoute: true },
  grid: { render: renderGrid, perRoute: false },
  compare: { render: renderCompare, perRoute: true },
  problem: { render: renderProblem, perRoute: true },
};

const drawnRoutes = new Map<string, string>();

async function show(route: Route): Promise<void> {
  const name = route.view in VIEWS ? route.view : "overview";
  const view = byId(`view-${name}`);
  for (const section of document.querySelectorAll<HTMLElement>("main > .view")) section.hidden = section !== view;
  for (const tab of document.querySelectorAll<HTMLAnchorElement>(".tabs a")) {
    if (tab.dataset.view === name || (name === "problem" && tab.dataset.view === "grid")) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  const { render, perRoute } = VIEWS[name]!;
  const key = perRoute ? route.args.join("/") : "";
  if (drawnRoutes.get(name) !== key) {
    drawnRoutes.set(name, key);
    // A fresh container per drawing: a drawing still waiting for its data (a problem's samples)
    // when the reader moves on then fills a container that is no longer on the page.
    const body = h("div", { class: "view-body" });
    const previous = view.querySelector(":scope > .view-body");
    if (previous === null) view.append(body);
    else previous.replaceWith(body);
    view.dataset.rendered = "false";
    await render(body, index, route.args);
    if (body.isConnected) view.dataset.rendered = "true";
  }
  if (name === "plots") plotsModule().resizeChartsIn(view);
}

function problemStep(step: 1 | -1): void {
  const route = currentRoute();
  if (route.view !== "problem") return;
  const next = adjacentProblem(index, Number(route.args[0]), step);
  if (next !== null) navigate("problem", next);
}

const shortcuts: Shortcut[] = [
  { keys: ["o"], does: "Overview", run: () => navigate("overview") },
  { keys: ["p"], does: "Plots", run: () => navigate("plots") },
  { keys: ["e"], does: "Errors", run: () => navigate("errors") },
  { keys: ["g"], does: "Problem grid", run: () => navigate("grid") },
  { keys: ["c"], does: "Compare two runs", run: () => navigate("compare") },
  {
    keys: ["/"],
    does: "Filter the problems",
    run: async () => {
      if (currentRoute().view !== "grid") {
        navigate("grid");
        // Drawn now rather than on the hash change, so that the field exists to be focused.
        await show(currentRoute());
      }
      document.getElementById("grid-filter")?.focus();
    },
  },
  { keys: ["j", "ArrowRight"], does: "Next problem (on a problem page)", run: () => problemStep(1) },
  { keys: ["k", "ArrowLeft"], does: "Previous problem (on a problem page)", run: () => problemStep(-1) },
  {
    keys: ["u", "Escape"],
    does: "Back to the problems",
    run: (event) => {
      if (event.target instanceof HTMLElement && event.target.tagName === "INPUT") event.target.blur();
      else if (currentRoute().view === "problem") navigate("grid");
    },
  },
  { keys: ["t"], does: "Switch theme", run: () => cycleTheme() },
  { keys: ["?"], does: "Show or hide these shortcuts", run: () => (byId("shortcuts").hidden = !byId("shortcuts").hidden) },
];

const help = shortcutHelp(shortcuts);
const helpButton = h("button", { type: "button", title: "Keyboard shortcuts (?)", onclick: () => (help.hidden = !help.hidden) }, "?");
document.querySelector(".top")!.append(setUpTheme(), helpButton);
document.body.append(help);
makeSortable(byId<HTMLTableElement>("overview-table"));
bindShortcuts(shortcuts);
addEventListener("hashchange", () => void show(currentRoute()));
void show(currentRoute()).then(() => {
  document.documentElement.dataset.ready = "true";
  performance.mark("cg-report-ready");
});
