/** The outcome of running one generated sample against its problem's tests. */
export interface SampleResult {
  taskId: string;
  passed: boolean;
}

/** How many samples were generated for a problem (`n`) and how many passed (`c`). */
export interface ProblemCounts {
  taskId: string;
  n: number;
  c: number;
}

class SampleTally {
  private readonly byTask = new Map<string, ProblemCounts>();

  add(result: SampleResult): void {
    let counts = this.byTask.get(result.taskId);
    if (counts === undefined) {
      counts = { taskId: result.taskId, n: 0, c: 0 };
      this.byTask.set(result.taskId, counts);
    }
    counts.n += 1;
    if (result.passed) counts.c += 1;
  }

  counts(): ProblemCounts[] {
    return [...this.byTask.values()];
  }
}

/** Per-problem (n, c) from sample results, in order of each task's first appearance. */
export function countSamples(results: Iterable<SampleResult>): ProblemCounts[] {
  const tally = new SampleTally();
  for (const result of results) tally.add(result);
  return tally.counts();
}

/** {@link countSamples} for results that arrive as a stream. */
export async function countSamplesAsync(
  results: AsyncIterable<SampleResult> | Iterable<SampleResult>,
): Promise<ProblemCounts[]> {
  const tally = new SampleTally();
  for await (const result of results) tally.add(result);
  return tally.counts();
}
