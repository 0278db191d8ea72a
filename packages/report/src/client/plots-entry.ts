import { resizeChartsIn } from "./charts";
import { renderPlots } from "./views/plots";

globalThis.cgReportPlots = { renderPlots, resizeChartsIn };
