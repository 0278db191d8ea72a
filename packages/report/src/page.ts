import { escapeHtml, jsonForScript } from "./html";
import { sortValue, type OverviewTable } from "./overview";
import { overviewCsv, overviewLatex, overviewMarkdown } from "./overview-exports";
import type { PageScripts } from "./page-script";
import { DETAIL_SCRIPT_TYPE, PLOTS_SCRIPT_ELEMENT_ID, REPORT_DATA_ELEMENT_ID, type ReportData } from "./report-model";
import { STYLES } from "./styles";
import { renderVerdictChecks } from "./verdict-checks";

/** The views of the page, in tab order, with the key that opens each. */
export const VIEWS = [
  { id: "overview", title: "Overview", key: "o" },
  { id: "plots", title: "Plots", key: "p" },
  { id: "errors", title: "Errors", key: "e" },
  { id: "grid", title: "Problems", key: "g" },
  { id: "compare", title: "Compare", key: "c" },
] as const;

/**
 * The page up to its detail blocks: styles, header, the overview rendered here (so it reads
 * without JavaScript), the report data and the page scripts. The scripts come before the detail
 * blocks so the page is drawn while the browser is still reading them.
 */
export function renderPageStart(data: ReportData, table: OverviewTable, scripts: PageScripts): string {
  const datasets = [...new Set(data.runs.map((run) => run.dataset))];
  const title = `cg report: ${datasets.join(", ")} (${data.runs.length} run${data.runs.length === 1 ? "" : "s"})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top">
<h1>CodeGenerator report</h1>
<span class="meta">${escapeHtml(
    `${data.runs.length} run${data.runs.length === 1 ? "" : "s"} · ${datasets.join(", ")} · ${data.problems.length} problems · ${data.generatedAt.slice(0, 16).replace("T", " ")} UTC`,
  )}</span>
<nav class="tabs" aria-label="Views">${VIEWS.map((view) => `<a href="#${view.id}" data-view="${view.id}">${view.title}<kbd>${view.key}</kbd></a>`).join("")}</nav>
</header>
<main>
${renderOverview(data, table)}
${VIEWS.filter((view) => view.id !== "overview")
  .map((view) => `<section id="view-${view.id}" class="view" aria-label="${view.title}"><h2>${view.title}</h2><noscript><p class="note">This view needs JavaScript; the overview is complete without it.</p></noscript></section>`)
  .join("\n")}
<section id="view-problem" class="view" aria-label="Problem"></section>
</main>
<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">${jsonForScript(data)}</script>
<script type="text/x-cg-plots" id="${PLOTS_SCRIPT_ELEMENT_ID}">${scripts.plots}</script>
<script>${scripts.main}</script>
`;
}

/** One run's detail block for one problem: compressed, decoded by the page when it is opened. */
export function renderDetailBlock(id: string, encoded: string): string {
  return `<script type="${DETAIL_SCRIPT_TYPE}" id="${id}">${encoded}</script>\n`;
}

export const PAGE_END = "</body>\n</html>\n";

function renderOverview(data: ReportData, table: OverviewTable): string {
  const head = table.columns
    .map((column) => `<th scope="col" data-key="${escapeHtml(column.key)}"${column.numeric ? ' class="num"' : ""}>${escapeHtml(column.label)}</th>`)
    .join("");
  const body = table.rows
    .map((row, runIndex) => {
      const run = data.runs[runIndex]!;
      const cells = row.map((value, i) => {
        const column = table.columns[i]!;
        const sortable = sortValue(value);
        const attributes = sortable === null ? "" : ` data-value="${escapeHtml(String(sortable))}"`;
        if (i === 0) return `<th scope="row"${attributes} title="${escapeHtml(run.dir)}">${escapeHtml(column.format(value))}</th>`;
        return `<td${column.numeric ? ' class="num"' : ""} data-key="${escapeHtml(column.key)}"${attributes}>${escapeHtml(column.format(value))}</td>`;
      });
      return `<tr data-run="${runIndex}">${cells.join("")}</tr>`;
    })
    .join("\n");
  const markdown = overviewMarkdown(table);
  const latex = overviewLatex(table);
  const warnings =
    data.warnings.length === 0
      ? ""
      : `<div class="warnings" role="note"><strong>Warnings</strong><ul>${data.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></div>`;
  return `<section id="view-overview" class="view" aria-label="Overview">
<h2>Overview</h2>
${warnings}
<div class="table-wrap"><table class="data" id="overview-table">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>
<p class="note">pass@k is the unbiased estimator averaged over problems; samples that failed on the model side are left out of it.
The 95% interval of pass@1 is a percentile bootstrap over problems. Cost is at list price ("–": no known price). Wall time of a run is that of the invocation that finished it; of an evaluation, its scoring time.</p>
${renderVerdictChecks(data)}
<div class="exports">
<span>Export the overview:</span>
<a class="button" download="overview.csv" href="data:text/csv;charset=utf-8,${encodeURIComponent(overviewCsv(table))}">CSV</a>
<a class="button" download="overview.md" href="data:text/markdown;charset=utf-8,${encodeURIComponent(markdown)}">Markdown</a>
<a class="button" download="overview.tex" href="data:application/x-tex;charset=utf-8,${encodeURIComponent(latex)}">LaTeX</a>
<details><summary>Markdown table</summary><pre id="export-markdown">${escapeHtml(markdown)}</pre></details>
<details><summary>LaTeX table (booktabs)</summary><pre id="export-latex">${escapeHtml(latex)}</pre></details>
</div>
</section>`;
}
