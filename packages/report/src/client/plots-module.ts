import { PLOTS_SCRIPT_ELEMENT_ID } from "../report-model";
import type { ReportIndex } from "./report-index";

/** What the plots script (the charting library and the plots view, a bundle of its own) provides. */
export interface PlotsModule {
  renderPlots(view: HTMLElement, index: ReportIndex): void;
  resizeChartsIn(view: HTMLElement): void;
}

declare global {
  var cgReportPlots: PlotsModule | undefined;
}

/**
 * The plots script, run the first time the plots are shown. It is most of the page's code, so
 * the page carries it as inert text and the browser parses it only if the reader asks for plots.
 */
export function plotsModule(): PlotsModule {
  if (globalThis.cgReportPlots === undefined) {
    const script = document.createElement("script");
    script.textContent = document.getElementById(PLOTS_SCRIPT_ELEMENT_ID)?.textContent ?? "";
    document.head.append(script);
  }
  if (globalThis.cgReportPlots === undefined) throw new Error("the report's plots script did not load");
  return globalThis.cgReportPlots;
}
