import type { EvaluationProgress } from "./evaluate-samples";
import { MODEL_ERROR, type GeneratedSampleResult } from "./sample-result";

export interface RunProgress extends EvaluationProgress {
  /** `done` counts samples with a results line, model errors included. */
  modelErrors: number;
  problems: number;
  /** Problems all of whose samples have a results line. */
  problemsDone: number;
  tokensIn: number;
  tokensOut: number;
  /** At list price; null when the model has no known price. */
  costUsd: number | null;
}

/** Running totals of a run, kept as counts only, whatever the size of the run. */
export class ProgressTally {
  private readonly started = Date.now();
  private readonly remaining = new Map<string, number>();
  private readonly progress: RunProgress;

  constructor(taskIds: readonly string[], samplesPerProblem: number) {
    for (const taskId of taskIds) this.remaining.set(taskId, samplesPerProblem);
    this.progress = {
      total: taskIds.length * samplesPerProblem,
      done: 0,
      passed: 0,
      resumed: 0,
      elapsedSeconds: 0,
      modelErrors: 0,
      problems: taskIds.length,
      problemsDone: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
    };
  }

  add(result: GeneratedSampleResult, resumed: boolean): void {
    const p = this.progress;
    p.done++;
    if (resumed) p.resumed++;
    if (result.passed) p.passed++;
    if (result.status === MODEL_ERROR) p.modelErrors++;
    p.tokensIn += result.tokens_in;
    p.tokensOut += result.tokens_out;
    p.costUsd = p.costUsd === null || result.cost_usd === null ? null : p.costUsd + result.cost_usd;
    const left = (this.remaining.get(result.task_id) ?? 0) - 1;
    this.remaining.set(result.task_id, left);
    if (left === 0) p.problemsDone++;
  }

  snapshot(): RunProgress {
    return { ...this.progress, elapsedSeconds: (Date.now() - this.started) / 1000 };
  }
}
