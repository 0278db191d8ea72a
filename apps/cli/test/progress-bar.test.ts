import { PassThrough } from "node:stream";
import type { RunProgress } from "@cg/runner";
import { describe, expect, it } from "vitest";
import { progressDetails } from "../src/commands/run";
import { ProgressBar } from "../src/progress-bar";

/** A terminal-like stream that keeps what is drawn on it. */
function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; drawn: () => string } {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  Object.assign(stream, { isTTY });
  return { stream: stream as unknown as NodeJS.WriteStream, drawn: () => text };
}

const progress: RunProgress = {
  total: 30,
  done: 12,
  passed: 6,
  resumed: 2,
  elapsedSeconds: 5,
  modelErrors: 2,
  problems: 10,
  problemsDone: 4,
  tokensIn: 10_000,
  tokensOut: 2_500,
  costUsd: 0.0123,
};

describe("run progress", () => {
  it("shows problems done, pass rate so far, tokens, cost, model errors and the ETA", async () => {
    const { stream, drawn } = terminal(true);
    const bar = new ProgressBar("direct · humaneval", stream);
    bar.update(progress, progressDetails(progress));
    bar.finish();
    await new Promise((resolve) => setImmediate(resolve));
    // 10 new samples in 5 s: 2/s, so the 18 left take 9 s. 6 passed of the 10 scored.
    expect(drawn()).toBe(
      "\rdirect · humaneval [##########--------------] 12/30 · problems 4/10 · passed 60.0% · 12.5k tokens · $0.0123 · 2 model errors · 2.0/s · ETA 9s\u001b[K\n",
    );
  });

  it("leaves out the cost when the model has no price, and draws nothing off a terminal", async () => {
    expect(progressDetails({ ...progress, costUsd: null, modelErrors: 0 })).toEqual(["problems 4/10", "passed 50.0%", "12.5k tokens"]);
    const { stream, drawn } = terminal(false);
    new ProgressBar("x", stream).update(progress);
    await new Promise((resolve) => setImmediate(resolve));
    expect(drawn()).toBe("");
  });
});
