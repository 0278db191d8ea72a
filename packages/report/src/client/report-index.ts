import { scoredCounts } from "../outcomes";
import type { ReportData, ReportRun } from "../report-model";

/** Per run: scored samples and passes by report problem index. */
export interface RunCounts {
  run: ReportRun;
  index: number;
  /** Problem index → position in the run's arrays. */
  positions: Map<number, number>;
  counts: Map<number, { n: number; c: number }>;
}

/** Lookups derived once from the report data and shared by the views. */
export class ReportIndex {
  readonly runs: RunCounts[];

  constructor(readonly data: ReportData) {
    this.runs = data.runs.map((run, index) => {
      const positions = new Map<number, number>();
      const counts = new Map<number, { n: number; c: number }>();
      run.problems.forEach((problem, position) => {
        positions.set(problem, position);
        counts.set(problem, scoredCounts(run.outcomes[position] ?? ""));
      });
      return { run, index, positions, counts };
    });
  }

  /** pass@1 of a run restricted to some problems (those it scored among them), or null if none. */
  passAt1On(run: number, problems: readonly number[]): { value: number; problems: number } | null {
    const counts = this.runs[run]!.counts;
    let sum = 0;
    let scored = 0;
    for (const problem of problems) {
      const entry = counts.get(problem);
      if (entry === undefined || entry.n === 0) continue;
      sum += entry.c / entry.n;
      scored++;
    }
    return scored === 0 ? null : { value: sum / scored, problems: scored };
  }
}

