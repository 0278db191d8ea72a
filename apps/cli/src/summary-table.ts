import type { EvalSummary } from "@cg/runner";

/** The summary as an aligned two-column table. */
export function formatSummaryTable(summary: EvalSummary): string {
  const rows: Array<[string, string]> = [];
  const passKeys = Object.keys(summary)
    .filter((key) => key.startsWith("pass@"))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  for (const key of passKeys) rows.push([key, percent(summary[key as `pass@${number}`])]);
  const ci = summary.pass_at_1_interval;
  rows.push([`pass@1 ${Math.round(ci.level * 100)}% CI`, `${percent(ci.lower)} – ${percent(ci.upper)}`]);
  rows.push(["dataset", summary.dataset]);
  rows.push(["problems", String(summary.problems)]);
  rows.push(["samples", String(summary.samples)]);
  if (summary.problems_without_samples > 0) rows.push(["problems without samples", String(summary.problems_without_samples)]);
  for (const [status, count] of Object.entries(summary.status_counts).sort((a, b) => b[1] - a[1])) {
    rows.push([`  ${status}`, String(count)]);
  }
  if (summary.ks_excluded.length > 0) {
    rows.push(["k not reported", `${summary.ks_excluded.join(", ")} (more than the samples of some problem)`]);
  }
  rows.push(["scoring time", `${summary.scoring_seconds.toFixed(1)} s`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n");
}

function percent(value: number | undefined): string {
  return value === undefined ? "-" : `${(100 * value).toFixed(2)}%`;
}
