import { formatDatasetOptions } from "@cg/datasets";
import type { RunSummary } from "./run-summary";
import type { Stability } from "./stability";
import type { EvalSummary } from "./summary";

/** A summary as an aligned two-column table; a run's summary adds how its samples were generated. */
export function formatSummaryTable(summary: EvalSummary | RunSummary): string {
  const rows: Array<[string, string]> = [];
  const passKeys = Object.keys(summary)
    .filter((key) => key.startsWith("pass@"))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  for (const key of passKeys) rows.push([key, percent(summary[key as `pass@${number}`])]);
  const ci = summary.pass_at_1_interval;
  rows.push([`pass@1 ${Math.round(ci.level * 100)}% CI`, `${percent(ci.lower)} – ${percent(ci.upper)}`]);
  const options = formatDatasetOptions(summary.dataset_options ?? {});
  rows.push(["dataset", options === "" ? summary.dataset : `${summary.dataset} (${options})`]);
  if ("run_id" in summary) {
    rows.push(["strategy", summary.strategy]);
    rows.push(["model", summary.model]);
    rows.push(["samples per problem", String(summary.n)]);
  }
  rows.push(["problems", String(summary.problems)]);
  rows.push(["samples", String(summary.samples)]);
  if (summary.problems_without_samples > 0) rows.push(["problems without samples", String(summary.problems_without_samples)]);
  if (summary.samples_outside_selection) rows.push(["samples not scored", `${summary.samples_outside_selection} (problems outside the dataset's options)`]);
  for (const [status, count] of Object.entries(summary.status_counts).sort((a, b) => b[1] - a[1])) {
    rows.push([`  ${status}`, String(count)]);
  }
  const { rechecked = 0, flaky = 0, flaky_task_ids: flakyTaskIds = [] } = summary;
  if (rechecked > 0) {
    rows.push(["re-judged alone", `${rechecked} verdict${rechecked === 1 ? "" : "s"} near the time limit`]);
    rows.push(["flaky", flaky === 0 ? "0" : `${flaky} (${listed(flakyTaskIds)})`]);
  }
  if (summary.stability !== undefined) rows.push(...stabilityRows(summary.stability));
  if (summary.ks_excluded.length > 0) {
    rows.push(["k not reported", `${summary.ks_excluded.join(", ")} (more than the samples of some problem)`]);
  }
  if ("run_id" in summary) {
    rows.push(["model calls", `${summary.model_calls} (${summary.model_calls_per_problem.toFixed(1)} per problem)`]);
    rows.push(["tokens in / out", `${summary.tokens_in} / ${summary.tokens_out}`]);
    rows.push(["cost", summary.cost_usd === null ? "unknown (no price for this model)" : `$${summary.cost_usd.toFixed(4)}`]);
    rows.push(["wall time", `${summary.wall_seconds.toFixed(1)} s`]);
    rows.push(["run id", summary.run_id]);
  } else {
    rows.push(["scoring time", `${summary.scoring_seconds.toFixed(1)} s`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n");
}

function stabilityRows(stability: Stability): Array<[string, string]> {
  const { repeat } = stability;
  const rows: Array<[string, string]> = [["repeat", `each sample judged ${repeat} times (figures above: the first)`]];
  const problems = `${stability.problems_with_flips} problem${stability.problems_with_flips === 1 ? "" : "s"}`;
  rows.push(["verdicts flipped", `${stability.flipped_samples} of ${stability.samples} samples (${percent(stability.flip_rate)}), in ${problems}`]);
  for (const [key, spread] of Object.entries(stability.pass_at_k)) {
    rows.push([`${key} over ${repeat}`, `${percent(spread.min)} – ${percent(spread.max)} (mean ${percent(spread.mean)}, sd ${(100 * spread.stddev).toFixed(2)} pp)`]);
  }
  if (stability.flipping_problems.length > 0) rows.push(["flipping problems", listed(stability.flipping_problems.map((p) => p.task_id))]);
  return rows;
}

/** The first few of a list, then how many more there are. */
function listed(items: readonly string[], shown = 5): string {
  return items.length <= shown ? items.join(", ") : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

function percent(value: number | undefined): string {
  return value === undefined ? "-" : `${(100 * value).toFixed(2)}%`;
}
