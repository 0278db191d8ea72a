import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { init, use, type EChartsCoreOption, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { currentTheme, onThemeChange } from "./theme";

use([ScatterChart, LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, SVGRenderer]);

interface MountedChart {
  container: HTMLElement;
  option: EChartsCoreOption;
  chart: EChartsType;
}

const mounted: MountedChart[] = [];

/** Draws a chart in the current theme; it is redrawn when the theme changes and resized with the window. */
export function mountChart(container: HTMLElement, option: EChartsCoreOption): EChartsType {
  const entry: MountedChart = { container, option, chart: create(container, option) };
  mounted.push(entry);
  return entry.chart;
}

function create(container: HTMLElement, option: EChartsCoreOption): EChartsType {
  const chart = init(container, currentTheme() === "dark" ? "dark" : undefined, { renderer: "svg" });
  chart.setOption({ backgroundColor: "transparent", animation: false, ...option });
  return chart;
}

onThemeChange(() => {
  for (const entry of mounted) {
    entry.chart.dispose();
    entry.chart = create(entry.container, entry.option);
  }
});

addEventListener("resize", () => {
  for (const entry of mounted) if (entry.container.isConnected && entry.container.offsetParent !== null) entry.chart.resize();
});

/** Charts drawn while their view was hidden have no size: fit them once the view is shown. */
export function resizeChartsIn(view: HTMLElement): void {
  for (const entry of mounted) if (view.contains(entry.container)) entry.chart.resize();
}
