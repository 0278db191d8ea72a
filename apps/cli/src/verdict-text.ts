import type { JudgeResult, StepResult } from "@cg/executor";

const LABEL_WIDTH = 10;
const EXCERPT_LINES = 20;
const EXCERPT_LINE_CHARS = 200;

/**
 * A judged program for a person: its status and why, then the step that decided it (the run, or
 * a compile that failed) with exit code, times, memory and the start of its output.
 */
export function formatVerdict(result: JudgeResult): string {
  const rows: Array<[string, string]> = [["status", result.status]];
  if (result.errorMessage !== undefined) rows.push(["reason", result.errorMessage]);
  rows.push(["language", result.language]);
  const { compile } = result;
  const run = result.tests[0];
  if (compile && run) rows.push(["compile", `${compile.status} in ${formatMs(compile.wallMs)}`]);
  const shown = run ?? compile;
  if (shown) {
    rows.push([run ? "run" : "compile", describeProcess(shown)]);
    rows.push(["stdout", excerpt(shown.stdout, shown.stdoutTruncated)]);
    rows.push(["stderr", excerpt(shown.stderr, shown.stderrTruncated)]);
  }
  return rows.map(([label, text]) => `${label.padEnd(LABEL_WIDTH)} ${text.replaceAll("\n", `\n${" ".repeat(LABEL_WIDTH + 1)}`)}`).join("\n");
}

function describeProcess(step: StepResult): string {
  const ending = step.exitCode !== null ? `exit code ${step.exitCode}` : step.signal !== null ? `killed by ${step.signal}` : "no exit code";
  const memory = step.maxRssKb === null ? "memory unknown" : `${(step.maxRssKb / 1024).toFixed(1)} MiB peak memory`;
  return `${ending}, ${formatMs(step.wallMs)} wall, ${formatMs(step.cpuMs)} cpu, ${memory}`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The first lines of an output, each cut short, saying what was left out. */
function excerpt(text: string, cutBySandbox: boolean): string {
  if (text === "") return "(empty)";
  const lines = text.replace(/\n$/, "").split("\n");
  const shown = lines.slice(0, EXCERPT_LINES).map((line) => (line.length > EXCERPT_LINE_CHARS ? `${line.slice(0, EXCERPT_LINE_CHARS)}…` : line));
  if (lines.length > EXCERPT_LINES) shown.push(`[${lines.length - EXCERPT_LINES} more lines; --json shows them]`);
  if (cutBySandbox) shown.push("[output past the capture limit was not kept]");
  return shown.join("\n");
}
