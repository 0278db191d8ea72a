import type { EvaluationProgress, RecheckProgress } from "@cg/runner";

/** A one-line progress display on a terminal; silent when stderr is not a TTY. */
export class ProgressBar {
  private lastDraw = 0;
  private finished = false;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY);
  }

  /** Draws the bar, the count, `details` (by default the pass rate), the rate and the ETA. */
  update(progress: EvaluationProgress, details?: string[]): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && progress.done < progress.total) return;
    this.lastDraw = now;
    const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
    const width = 24;
    const filled = Math.round(fraction * width);
    const fresh = progress.done - progress.resumed;
    const rate = progress.elapsedSeconds > 0 ? fresh / progress.elapsedSeconds : 0;
    const eta = rate > 0 ? (progress.total - progress.done) / rate : 0;
    const passRate = progress.done > 0 ? (100 * progress.passed) / progress.done : 0;
    const shown = details ?? [`passed ${passRate.toFixed(1)}%`];
    const line =
      `${this.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${progress.done}/${progress.total}` +
      ` · ${shown.join(" · ")} · ${formatRate(rate)}/s · ETA ${formatSeconds(eta)}`;
    this.stream.write(`\r${line}\u001b[K`);
  }

  /** Ends the line; once, however often it is called. */
  finish(): void {
    if (this.enabled && !this.finished) this.stream.write("\n");
    this.finished = true;
  }
}

/** The second judging of verdicts near the time limit, at the end of a run, on a line of its own. */
export class RecheckBar {
  private readonly bar: ProgressBar;
  private started: number | undefined;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new ProgressBar("re-judging alone", stream);
  }

  update(progress: RecheckProgress): void {
    this.started ??= Date.now();
    const elapsedSeconds = (Date.now() - this.started) / 1000;
    this.bar.update({ total: progress.total, done: progress.done, passed: 0, resumed: 0, elapsedSeconds }, [`${progress.changed} changed`]);
  }

  /** Ends its line, if it drew one. */
  finish(): void {
    if (this.started !== undefined) this.bar.finish();
  }
}

function formatRate(rate: number): string {
  return rate >= 10 || rate === 0 ? rate.toFixed(0) : rate.toFixed(1);
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0s";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
}
