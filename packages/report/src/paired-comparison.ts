import { mcnemarExact, pairedBootstrapPassAt1 } from "@cg/metrics";
import { formatPercent, formatPoints, formatPValue } from "./format";

/** One run's scored samples (n) and passes (c) per problem, keyed by report problem index. */
export type ProblemCounts = ReadonlyMap<number, { n: number; c: number }>;

export interface ProblemDelta {
  problem: number;
  /** pass@1 (c/n) of each run on the problem. */
  first: number;
  second: number;
}

export interface PairedComparison {
  /** Problems both runs have scored samples for: the comparison is on these only. */
  shared: number;
  firstPassAt1: number;
  secondPassAt1: number;
  /** Problems where the first run does better, and where it does worse; best first. */
  wins: ProblemDelta[];
  losses: ProblemDelta[];
  ties: number;
  test: { name: string; pValue: number; interval: { lower: number; upper: number; level: number } | null };
  /** What the numbers say, in one or two plain sentences. */
  sentence: string;
}

const SIGNIFICANCE = 0.05;

/**
 * Compares two runs problem by problem on the problems both scored. With one sample per problem
 * on both sides the outcome per problem is solved or not, and McNemar's exact test applies; with
 * more, pass@1 per problem is c/n and a paired bootstrap over problems gives the p-value and an
 * interval for the difference. Returns null when the runs share no problem.
 */
export function comparePaired(firstLabel: string, first: ProblemCounts, secondLabel: string, second: ProblemCounts): PairedComparison | null {
  const pairs: Array<{ problem: number; a: { n: number; c: number }; b: { n: number; c: number } }> = [];
  for (const [problem, a] of first) {
    const b = second.get(problem);
    if (b !== undefined && a.n > 0 && b.n > 0) pairs.push({ problem, a, b });
  }
  if (pairs.length === 0) return null;
  const deltas = pairs.map(({ problem, a, b }) => ({ problem, first: a.c / a.n, second: b.c / b.n }));
  const wins = deltas.filter((d) => d.first > d.second).sort((x, y) => y.first - y.second - (x.first - x.second));
  const losses = deltas.filter((d) => d.first < d.second).sort((x, y) => x.first - x.second - (y.first - y.second));
  const firstPassAt1 = mean(deltas.map((d) => d.first));
  const secondPassAt1 = mean(deltas.map((d) => d.second));

  const singleSample = pairs.every(({ a, b }) => a.n === 1 && b.n === 1);
  const test = singleSample
    ? { name: "McNemar's exact test", pValue: mcnemarExact(wins.length, losses.length).pValue, interval: null }
    : pairedTest(pairs);
  return {
    shared: pairs.length,
    firstPassAt1,
    secondPassAt1,
    wins,
    losses,
    ties: pairs.length - wins.length - losses.length,
    test,
    sentence: sentence(firstLabel, secondLabel, pairs.length, firstPassAt1, secondPassAt1, test),
  };
}

function pairedTest(pairs: Array<{ problem: number; a: { n: number; c: number }; b: { n: number; c: number } }>): PairedComparison["test"] {
  const result = pairedBootstrapPassAt1(
    pairs.map(({ problem, a }) => ({ taskId: String(problem), n: a.n, c: a.c })),
    pairs.map(({ problem, b }) => ({ taskId: String(problem), n: b.n, c: b.c })),
  );
  return {
    name: `paired bootstrap over problems (${result.iterations.toLocaleString("en-US")} resamples)`,
    pValue: result.pValue,
    interval: { lower: result.lower, upper: result.upper, level: result.level },
  };
}

function sentence(firstLabel: string, secondLabel: string, shared: number, a: number, b: number, test: PairedComparison["test"]): string {
  const scores = `pass@1 ${formatPercent(a)} against ${formatPercent(b)} on the ${shared} problem${shared === 1 ? "" : "s"} both runs scored`;
  const interval = test.interval
    ? `; ${Math.round(test.interval.level * 100)}% interval of the difference ${formatPoints(test.interval.lower)} to ${formatPoints(test.interval.upper)}`
    : "";
  const evidence = `${test.name}, ${formatPValue(test.pValue)}${interval}`;
  if (test.pValue >= SIGNIFICANCE) {
    return `${firstLabel} and ${secondLabel} are within noise of each other: ${scores} (${formatPoints(a - b)}; ${evidence}). A difference this size is well explained by chance; more problems or samples are needed to tell them apart.`;
  }
  const [better, worse] = a > b ? [firstLabel, secondLabel] : [secondLabel, firstLabel];
  return `${better} does better than ${worse}: ${scores} (${formatPoints(a - b)}; ${evidence}). A difference this large would be unlikely if the two were equally good.`;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
