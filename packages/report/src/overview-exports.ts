import type { OverviewTable, OverviewValue } from "./overview";

/** The overview as CSV (RFC 4180): raw numbers at full precision, an interval as two columns. */
export function overviewCsv(table: OverviewTable): string {
  const header = table.columns.flatMap((column) => (column.key === "pass@1_ci" ? [`${column.key}_lower`, `${column.key}_upper`] : [column.key]));
  const lines = [header.map(csvField)];
  for (const row of table.rows) {
    lines.push(
      row.flatMap((value) => {
        if (value !== null && typeof value === "object") return [csvField(value.lower), csvField(value.upper)];
        return [csvField(value)];
      }),
    );
  }
  return lines.map((fields) => fields.join(",")).join("\r\n") + "\r\n";
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The overview as a Markdown (GitHub) table, numbers as shown on the page. */
export function overviewMarkdown(table: OverviewTable): string {
  const escape = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
  const header = `| ${table.columns.map((c) => escape(c.label)).join(" | ")} |`;
  const rule = `| ${table.columns.map((c) => (c.numeric ? "---:" : ":---")).join(" | ")} |`;
  const rows = table.rows.map((row) => `| ${row.map((value, i) => escape(table.columns[i]!.format(value))).join(" | ")} |`);
  return [header, rule, ...rows].join("\n") + "\n";
}

/**
 * The overview as a LaTeX table (booktabs), the best value of each pass@k column in bold.
 * Percentages are written as numbers under a "(%)" header, as papers print them.
 */
export function overviewLatex(table: OverviewTable): string {
  const best = table.columns.map((column, i) => {
    if (column.best !== "max" || table.rows.length < 2) return null;
    const values = table.rows.map((row) => row[i]).filter((v): v is number => typeof v === "number");
    return values.length === 0 ? null : Math.max(...values);
  });
  const cell = (value: OverviewValue, i: number): string => {
    const shown = table.columns[i]!.format(value).replace(/%/g, "");
    const escaped = shown === "–" ? "--" : latexEscape(shown);
    return best[i] !== null && value === best[i] ? `\\textbf{${escaped}}` : escaped;
  };
  const header = table.columns.map((column) => latexEscape(column.percent ? `${column.label} (%)` : column.label));
  const lines = [
    `\\begin{tabular}{${table.columns.map((c) => (c.numeric ? "r" : "l")).join("")}}`,
    "\\toprule",
    `${header.join(" & ")} \\\\`,
    "\\midrule",
    ...table.rows.map((row) => `${row.map(cell).join(" & ")} \\\\`),
    "\\bottomrule",
    "\\end{tabular}",
  ];
  return lines.join("\n") + "\n";
}

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "–": "--",
  "−": "$-$",
};

function latexEscape(text: string): string {
  return text.replace(/[\\&%$#_{}~^–−]/g, (char) => LATEX_SPECIALS[char] ?? char);
}
