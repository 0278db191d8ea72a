import type { Stability } from "@cg/runner";
import { formatInteger, formatPercent } from "./format";
import { escapeHtml } from "./html";
import type { ReportData, ReportRun } from "./report-model";

/** Problems listed by name before the rest are only counted. */
const LISTED = 40;

/**
 * The overview's account of how much the verdicts depend on the machine: per run, the verdicts
 * near the time limit judged again alone and those that came out differently (flaky), then, for
 * evaluations judged several times (`cg eval --repeat`), how the verdicts and pass@k varied.
 * Rendered into the page, so it reads without JavaScript; each problem links to its page.
 */
export function renderVerdictChecks(data: ReportData): string {
  const problemIndex = new Map(data.problems.map((p, index) => [`${p.dataset}\u0000${p.taskId}`, index]));
  const link = (run: ReportRun, taskId: string, text = taskId) => {
    const index = problemIndex.get(`${run.dataset}\u0000${taskId}`);
    return index === undefined ? escapeHtml(text) : `<a href="#problem/${index}">${escapeHtml(text)}</a>`;
  };
  const rows = data.runs.map((run, i) => {
    const { rechecked, flaky, flaky_task_ids: ids = [] } = run.summary;
    const listed = ids.slice(0, LISTED).map((taskId) => link(run, taskId));
    if (ids.length > LISTED) listed.push(`and ${ids.length - LISTED} more`);
    return `<tr data-run="${i}"><th scope="row">${escapeHtml(run.label)}</th><td class="num" data-key="rechecked">${formatInteger(rechecked)}</td><td class="num" data-key="flaky">${formatInteger(flaky)}</td><td class="flaky-problems">${listed.join(", ")}</td></tr>`;
  });
  const stable = data.runs.flatMap((run, i) => (run.summary.stability === undefined ? [] : [renderStability(run, i, run.summary.stability, link)]));
  return `<section id="verdict-checks" aria-label="Verdicts near the time limit">
<h3>Verdicts near the time limit</h3>
<div class="table-wrap"><table class="data" id="flaky-table">
<thead><tr><th scope="col">Run</th><th scope="col" class="num">Judged again</th><th scope="col" class="num">Flaky</th><th scope="col">Problems with a flaky verdict</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table></div>
<p class="note">Every timeout and every verdict within 20% of the time limit is judged once more at the end of the run, alone. A flaky verdict came out differently the second time; the second verdict is the one that counts, in pass@k too. "–": the run was made before verdicts were judged again.</p>
${stable.length === 0 ? "" : `<section id="stability" aria-label="Stability over repeated judging">\n<h3>Stability over repeated judging</h3>\n${stable.join("\n")}\n</section>`}
</section>`;
}

function renderStability(run: ReportRun, runIndex: number, stability: Stability, link: (run: ReportRun, taskId: string, text?: string) => string): string {
  const spreads = Object.entries(stability.pass_at_k)
    .map(
      ([key, spread]) =>
        `<tr><th scope="row">${escapeHtml(key)}</th><td class="num">${formatPercent(spread.min, 2)}</td><td class="num">${formatPercent(spread.max, 2)}</td><td class="num">${formatPercent(spread.mean, 2)}</td><td class="num">${(100 * spread.stddev).toFixed(2)}</td></tr>`,
    )
    .join("");
  const flipping = stability.flipping_problems.slice(0, LISTED).map((problem) => {
    const samples = problem.flipped.map((sample) => `sample ${sample.sample_index}: ${sample.statuses.map(escapeHtml).join(" → ")}`).join("; ");
    return `<li>${link(run, problem.task_id)}: ${problem.flipped_samples} of ${problem.samples} sample${problem.samples === 1 ? "" : "s"} (${samples})</li>`;
  });
  if (stability.flipping_problems.length > LISTED) flipping.push(`<li>and ${stability.flipping_problems.length - LISTED} more problems (summary.json lists them all)</li>`);
  const problems = `${stability.problems_with_flips} of ${stability.problems} problem${stability.problems === 1 ? "" : "s"}`;
  return `<div class="stability-run" data-run="${runIndex}">
<h4>${escapeHtml(run.label)}: each sample judged ${stability.repeat} times</h4>
<p class="flip-count">${stability.flipped_samples} of ${stability.samples} samples (${formatPercent(stability.flip_rate, 2)}) did not get the same verdict every time, in ${problems}. The run's other figures are those of the first judging.</p>
<div class="table-wrap"><table class="data stability-table">
<thead><tr><th scope="col">over ${stability.repeat} judgings</th><th scope="col" class="num">min</th><th scope="col" class="num">max</th><th scope="col" class="num">mean</th><th scope="col" class="num">sd (points)</th></tr></thead>
<tbody>${spreads}</tbody>
</table></div>
${flipping.length === 0 ? "" : `<ul class="flipping">${flipping.join("")}</ul>`}
</div>`;
}
