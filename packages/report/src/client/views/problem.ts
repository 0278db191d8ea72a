import { formatCost, formatInteger } from "../../format";
import { outcomeLabel, outcomeOfStatus } from "../../outcomes";
import type { SampleDetail, TraceEventView } from "../../report-model";
import { loadDetail } from "../details";
import { append, h, type Child } from "../dom";
import { codeBlock } from "../highlight";
import type { ReportIndex } from "../report-index";
import { routeHref } from "../router";
import { gridOrder } from "./grid";

/** The problem before or after `problem` in the grid's current order (all problems when the grid filters it out). */
export function adjacentProblem(index: ReportIndex, problem: number, step: 1 | -1): number | null {
  const filtered = gridOrder();
  const order = filtered.includes(problem) ? filtered : index.data.problems.map((_, i) => i);
  const next = order[order.indexOf(problem) + step];
  return next === undefined ? null : next;
}

/**
 * A problem's page (`#problem/<problem>[/<run>[/<sample>]]`): its statement, then per run each
 * sample's verdict, code and the strategy's full trace. Samples are decoded from their compressed
 * block when the page opens, and a sample's trace is drawn when it is expanded.
 */
export async function renderProblem(view: HTMLElement, index: ReportIndex, args: string[]): Promise<void> {
  const problemIndex = Number(args[0]);
  const problem = index.data.problems[problemIndex];
  if (problem === undefined) {
    view.append(h("p", null, "No such problem. ", h("a", { href: "#grid" }, "Back to the problems")));
    return;
  }
  scrollTo({ top: 0 });
  const focusRun = args[1] === undefined ? null : Number(args[1]);
  const focusSample = args[2] === undefined ? null : Number(args[2]);
  const previous = adjacentProblem(index, problemIndex, -1);
  const next = adjacentProblem(index, problemIndex, 1);
  view.append(
    h(
      "nav",
      { class: "problem-nav", "aria-label": "Problem navigation" },
      h("a", { class: "button", href: "#grid", title: "Back to the problems (u)" }, "← Problems"),
      previous === null ? null : h("a", { class: "button", href: routeHref("problem", previous), id: "problem-previous", title: "Previous problem (k)" }, `‹ ${index.data.problems[previous]!.taskId}`),
      next === null ? null : h("a", { class: "button", href: routeHref("problem", next), id: "problem-next", title: "Next problem (j)" }, `${index.data.problems[next]!.taskId} ›`),
    ),
    h("h2", { id: "problem-title" }, problem.taskId),
    h("div", { class: "chips" }, h("span", { class: "chip" }, problem.dataset), Object.entries(problem.metadata).map(([key, value]) => h("span", { class: "chip" }, `${key}: ${value}`))),
    h("h3", null, "Prompt"),
    problem.prompt === null ? h("p", { class: "note" }, "The dataset's files were not available when the report was written (see the warnings on the overview).") : codeBlock(problem.prompt, "prompt"),
  );
  for (const run of index.runs) {
    const position = run.positions.get(problemIndex);
    if (position === undefined) continue;
    const counts = run.counts.get(problemIndex)!;
    const block = h("section", { class: "run-block", id: `run-${run.index}`, "aria-label": run.run.label });
    block.append(
      h("h3", null, run.run.label, h("span", { class: "note" }, ` · ${run.run.dataset} · ${counts.c} of ${counts.n} scored samples passed`)),
    );
    view.append(block);
    const samplesBox = h("div", { class: "samples" }, h("p", { class: "note" }, "Loading samples…"));
    block.append(samplesBox);
    const detail = await loadDetail(run.index, position);
    if (!view.isConnected) return;
    if (detail === null) {
      samplesBox.replaceChildren(h("p", { class: "note" }, "This report holds no samples for this run and problem."));
      continue;
    }
    samplesBox.replaceChildren(
      ...detail.samples.map((sample, samplePosition) => {
        const open = (focusRun === run.index && (focusSample === null || focusSample === samplePosition)) || (focusRun === null && detail.samples.length === 1 && index.runs.length <= 2);
        return sampleView(sample, `sample-${run.index}-${samplePosition}`, open, run.run.hasTrace);
      }),
    );
  }
  if (focusRun !== null) {
    const target = document.getElementById(focusSample === null ? `run-${focusRun}` : `sample-${focusRun}-${focusSample}`);
    target?.scrollIntoView({ block: "start" });
  }
}

function sampleView(sample: SampleDetail, id: string, open: boolean, hasTrace: boolean): HTMLDetailsElement {
  const outcome = outcomeOfStatus(sample.status) ?? "X";
  const details = h(
    "details",
    { class: "sample", id, open },
    h(
      "summary",
      null,
      h("strong", null, `Sample ${sample.index}`),
      h("span", { class: `badge ${outcome}` }, outcomeLabel(outcome)),
      recheckBadge(sample),
      sample.errorType ? h("span", { class: "mono" }, sample.errorType) : null,
      h(
        "span",
        { class: "stats" },
        sample.modelCalls === null ? null : h("span", null, h("b", null, sample.modelCalls), sample.modelCalls === 1 ? " call" : " calls"),
        sample.tokensIn === null ? null : h("span", null, h("b", null, formatInteger(sample.tokensIn)), " → ", h("b", null, formatInteger(sample.tokensOut)), " tokens"),
        sample.sampleTestRuns === null ? null : h("span", null, h("b", null, sample.sampleTestRuns), sample.sampleTestRuns === 1 ? " sample-test run" : " sample-test runs"),
      ),
    ),
  );
  let drawn = false;
  const draw = () => {
    if (drawn || !details.open) return;
    drawn = true;
    append(details, sampleBody(sample, hasTrace));
  };
  details.addEventListener("toggle", draw);
  queueMicrotask(draw);
  return details;
}

/** Marks a sample judged again alone: "flaky" when the second verdict differs from the first. */
function recheckBadge(sample: SampleDetail): HTMLElement | null {
  const { recheck } = sample;
  if (recheck === null) return null;
  const flaky = recheck.first.status !== recheck.second.status;
  const title = `near the time limit, judged again alone: first ${recheck.first.status} in ${Math.round(recheck.first.duration_ms)} ms, then ${recheck.second.status} in ${Math.round(recheck.second.duration_ms)} ms; the second counts`;
  return h("span", { class: flaky ? "badge flaky" : "badge rechecked", title }, flaky ? "flaky" : "judged again");
}

function sampleBody(sample: SampleDetail, hasTrace: boolean): Child[] {
  const stat = (label: string, value: string | null) => (value === null ? null : h("span", null, `${label} `, h("b", null, value)));
  return [
    h("h4", null, "Verdict"),
    h(
      "div",
      { class: "stats" },
      stat("status", sample.status),
      stat("public tests", sample.publicTestsPassed === null ? null : sample.publicTestsPassed ? "passed" : "failed"),
      stat("scoring", `${Math.round(sample.durationMs)} ms`),
      stat("first judging", sample.recheck ? `${sample.recheck.first.status} in ${Math.round(sample.recheck.first.duration_ms)} ms (judged again alone: ${sample.recheck.second.status})` : null),
      stat("cost", sample.costUsd === null ? null : formatCost(sample.costUsd)),
      stat("model latency", sample.latencyMs === null ? null : `${formatInteger(sample.latencyMs)} ms`),
      stat("generation", sample.generationMs === null ? null : `${formatInteger(sample.generationMs)} ms`),
    ),
    sample.errorType || sample.errorMessage ? h("pre", { class: "wrap verdict-output" }, [sample.errorType, sample.errorMessage].filter(Boolean).join(": ")) : null,
    h("h4", null, sample.kind === "completion" ? "Final code (completion of the prompt)" : "Final code"),
    sample.code === null ? h("p", { class: "note" }, sample.status === "model_error" ? "No code: the model side failed." : "The code is not in this results directory (an evaluation keeps only verdicts).") : codeBlock(sample.code),
    hasTrace ? h("h4", null, `Trace (${sample.trace.length} events)`) : null,
    hasTrace ? h("ol", { class: "trace" }, sample.trace.map((event, i) => traceEvent(event, i))) : null,
  ];
}

function stepName(event: { step: string; round?: number; attempt?: number }): string {
  return [event.step, event.round === undefined ? null : `round ${event.round}`, event.attempt === undefined ? null : `attempt ${event.attempt}`].filter(Boolean).join(" · ");
}

function traceEvent(event: TraceEventView, i: number): HTMLLIElement {
  const number = h("span", { class: "note" }, `#${i + 1}`);
  switch (event.type) {
    case "model_call": {
      const prompt = event.messages.map((m) => m.content).join("\n").length;
      return h(
        "li",
        { class: "model_call" },
        h(
          "div",
          { class: "event-head" },
          number,
          h("span", { class: "step" }, `model call · ${stepName(event)}`),
          h("span", { class: "stats" }, h("span", null, h("b", null, formatInteger(event.usage.promptTokens)), " in → ", h("b", null, formatInteger(event.usage.completionTokens)), " out"), h("span", null, `${formatInteger(event.latencyMs)} ms`), event.costUsd === null ? null : h("span", null, formatCost(event.costUsd)), event.cached ? h("span", null, "cached") : null, event.finishReason === "stop" ? null : h("span", null, `finish: ${event.finishReason}`)),
        ),
        h(
          "details",
          null,
          h("summary", null, `Prompt (${event.messages.length} message${event.messages.length === 1 ? "" : "s"}, ${formatInteger(prompt)} characters)`),
          event.messages.map((message) => [h("div", { class: "role" }, message.role), h("pre", { class: "wrap" }, message.content)]),
        ),
        event.reasoning ? h("details", null, h("summary", null, "Reasoning"), h("pre", { class: "wrap" }, event.reasoning)) : null,
        h("div", { class: "role" }, "answer"),
        h("pre", { class: "wrap answer" }, event.text),
      );
    }
    case "sample_tests": {
      const passed = event.report.results.filter((r) => r.passed).length;
      const verdict = event.status === "executed" ? `${passed} of ${event.report.results.length} passed` : event.status === "no_code" ? "no code could be extracted" : "no public tests: accepted without running";
      return h(
        "li",
        { class: `sample_tests${event.report.passed ? "" : " failed"}` },
        h("div", { class: "event-head" }, number, h("span", { class: "step" }, `sample tests · ${stepName(event)}`), h("span", null, verdict)),
        event.report.log ? h("pre", { class: "wrap test-log" }, event.report.log) : null,
        h("details", null, h("summary", null, "Code tested"), codeBlock(event.candidate.code)),
      );
    }
    case "decision":
      return h("li", { class: "decision" }, h("div", { class: "event-head" }, number, h("span", { class: "step" }, `decision · ${stepName(event)}`), h("b", null, event.decision)), h("p", null, event.detail));
    case "model_error":
      return h("li", { class: "model_error" }, h("div", { class: "event-head" }, number, h("span", { class: "step" }, "model-side failure"), h("b", null, event.error_type)), h("pre", { class: "wrap" }, event.error_message));
  }
}
