import { formatCost, formatDecimal, formatInteger, formatPercent, formatSeconds } from "./format";
import type { ReportRun } from "./report-model";

export interface Interval {
  lower: number;
  upper: number;
}

export type OverviewValue = number | string | Interval | null;

export interface OverviewColumn {
  /** Also the CSV header. */
  key: string;
  label: string;
  numeric: boolean;
  /** Shown as a percentage. */
  percent?: boolean;
  /** Higher is better: the best value is marked in paper tables. */
  best?: "max";
  format: (value: OverviewValue) => string;
}

export interface OverviewTable {
  columns: OverviewColumn[];
  /** One row per run, values in column order. */
  rows: OverviewValue[][];
}

const text = (value: OverviewValue) => (typeof value === "string" ? value : "–");
const number = (format: (value: number | null) => string) => (value: OverviewValue) => format(typeof value === "number" ? value : null);

/** The pass@k keys any run reports, by k. */
export function passAtKKeys(runs: readonly ReportRun[]): string[] {
  const ks = new Set<number>();
  for (const run of runs) for (const key of Object.keys(run.summary)) if (/^pass@\d+$/.test(key)) ks.add(Number(key.slice(5)));
  return [...ks].sort((a, b) => a - b).map((k) => `pass@${k}`);
}

/**
 * The overview: one row per run with every pass@k, the bootstrap interval of pass@1, size, tokens,
 * cost, time and model calls, all read from the runs' summary.json. An evaluation has no
 * generation, so its tokens, cost and calls are empty, and its time is the scoring time.
 */
export function overviewTable(runs: readonly ReportRun[]): OverviewTable {
  const passKeys = passAtKKeys(runs);
  const columns: OverviewColumn[] = [
    { key: "run", label: "Run", numeric: false, format: text },
    { key: "dataset", label: "Dataset", numeric: false, format: text },
    { key: "n", label: "n", numeric: true, format: number(formatInteger) },
    ...passKeys.map((key): OverviewColumn => ({ key, label: key, numeric: true, percent: true, best: "max", format: number((v) => formatPercent(v)) })),
    { key: "pass@1_ci", label: "pass@1 95% CI", numeric: true, percent: true, format: formatInterval },
    { key: "problems", label: "Problems", numeric: true, format: number(formatInteger) },
    { key: "samples", label: "Samples", numeric: true, format: number(formatInteger) },
    { key: "model_errors", label: "Model errors", numeric: true, format: number(formatInteger) },
    { key: "tokens_in", label: "Tokens in", numeric: true, format: number(formatInteger) },
    { key: "tokens_out", label: "Tokens out", numeric: true, format: number(formatInteger) },
    { key: "cost_usd", label: "Cost", numeric: true, format: number(formatCost) },
    { key: "wall_seconds", label: "Wall time", numeric: true, format: number(formatSeconds) },
    { key: "model_calls_per_problem", label: "Calls / problem", numeric: true, format: number((v) => formatDecimal(v, 2)) },
  ];
  const rows = runs.map((run): OverviewValue[] => {
    const s = run.summary;
    const generated = "run_id" in s ? s : null;
    const values: Record<string, OverviewValue> = {
      run: run.label,
      dataset: run.dataset,
      n: maxSamplesPerProblem(run),
      "pass@1_ci": { lower: s.pass_at_1_interval.lower, upper: s.pass_at_1_interval.upper },
      problems: s.problems,
      samples: s.samples,
      model_errors: generated?.model_errors ?? null,
      tokens_in: generated?.tokens_in ?? null,
      tokens_out: generated?.tokens_out ?? null,
      cost_usd: generated?.cost_usd ?? null,
      wall_seconds: generated?.wall_seconds ?? s.scoring_seconds,
      model_calls_per_problem: generated?.model_calls_per_problem ?? null,
    };
    for (const key of passKeys) values[key] = (s as unknown as Record<string, number | undefined>)[key] ?? null;
    return columns.map((column) => values[column.key] ?? null);
  });
  return { columns, rows };
}

function formatInterval(value: OverviewValue): string {
  return value !== null && typeof value === "object" ? `${formatPercent(value.lower)} – ${formatPercent(value.upper)}` : "–";
}

/** The number a cell sorts by: an interval sorts by its lower end. */
export function sortValue(value: OverviewValue): number | string | null {
  return value !== null && typeof value === "object" ? value.lower : value;
}

/** Samples per problem: the run's n, or for an evaluation the most any problem has. */
function maxSamplesPerProblem(run: ReportRun): number {
  if ("n" in run.summary) return run.summary.n;
  return run.outcomes.reduce((most, outcomes) => Math.max(most, outcomes.length), 0);
}
