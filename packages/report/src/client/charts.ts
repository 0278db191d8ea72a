import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { init, use, type EChartsCoreOption, type EChartsType } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { currentTheme, onThemeChange } from "./theme";

use([ScatterChart, LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, CanvasRenderer]);

interface MountedChart {
  container: HTMLElement;
  option: EChartsCoreOption;
  /** Null until the chart first comes into view. */
  chart: EChartsType | null;
}

const mounted = new Map<Element, MountedChart>();

// A chart is drawn when it first comes near the viewport, so that opening the plots draws only
// what can be seen.
const nearViewport = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      const chart = mounted.get(entry.target);
      if (!entry.isIntersecting || chart === undefined || chart.chart !== null) continue;
      chart.chart = create(chart.container, chart.option);
      nearViewport.unobserve(entry.target);
    }
  },
  { rootMargin: "300px" },
);

/** Draws a chart in the current theme once it is near the viewport; it is redrawn when the theme changes and resized with the window. */
export function mountChart(container: HTMLElement, option: EChartsCoreOption): void {
  mounted.set(container, { container, option, chart: null });
  nearViewport.observe(container);
}

function create(container: HTMLElement, option: EChartsCoreOption): EChartsType {
  const chart = init(container, currentTheme() === "dark" ? "dark" : undefined, { renderer: "canvas" });
  chart.setOption({ backgroundColor: "transparent", animation: false, ...option });
  container.dataset.drawn = "true";
  return chart;
}

onThemeChange(() => {
  for (const entry of mounted.values()) {
    if (entry.chart === null) continue;
    entry.chart.dispose();
    entry.chart = create(entry.container, entry.option);
  }
});

addEventListener("resize", () => {
  for (const entry of mounted.values()) if (entry.chart !== null && entry.container.offsetParent !== null) entry.chart.resize();
});

/** Charts drawn while their view was hidden have no size: fit them once the view is shown. */
export function resizeChartsIn(view: HTMLElement): void {
  for (const entry of mounted.values()) if (entry.chart !== null && view.contains(entry.container)) entry.chart.resize();
}
