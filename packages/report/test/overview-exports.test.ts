import type { EvalSummary, RunSummary } from "@cg/runner";
import { describe, expect, it } from "vitest";
import { overviewCsv, overviewLatex, overviewMarkdown, overviewTable } from "../src/index";
import type { ReportRun } from "../src/report-model";

const evalSummary: EvalSummary = {
  "pass@1": 0.5,
  "pass@2": 0.75,
  dataset: "humaneval",
  problems: 2,
  samples: 4,
  problems_without_samples: 0,
  pass_at_1_interval: { lower: 0.25, upper: 0.75, level: 0.95, method: "percentile bootstrap over problems" },
  ks_excluded: [],
  status_counts: { passed: 2, failed: 2 },
  error_types: {},
  checksums: { dataset: {}, samples: null },
  timeout_seconds: 3,
  scoring_seconds: 1.25,
};

const runSummary: RunSummary = {
  ...evalSummary,
  "pass@1": 0.625,
  "pass@2": 0.8125,
  run_id: "abc",
  strategy: "codesim",
  strategy_options: {},
  model: "openai:gpt-4o-mini",
  n: 2,
  samples_planned: 4,
  model_errors: 1,
  tokens_in: 12345,
  tokens_out: 678,
  cost_usd: 0.0123,
  model_calls: 9,
  model_calls_per_problem: 4.5,
  model_calls_per_sample: 2.25,
  wall_seconds: 75.5,
  warnings: [],
};

function run(label: string, summary: EvalSummary | RunSummary): ReportRun {
  return { label, dir: `/r/${label}`, kind: "run_id" in summary ? "run" : "eval", dataset: "humaneval", strategy: null, model: null, summary, problems: [0, 1], outcomes: ["PW", "WP"], calls: [0, 0], tokens: [0, 0], runtimeErrorTypes: [], hasCode: false, hasTrace: false };
}

const table = overviewTable([run("codesim · openai:gpt-4o-mini", runSummary), run("my_samples & more", evalSummary)]);

describe("overview exports", () => {
  it("writes CSV with raw numbers, the interval as two columns and quoted text", () => {
    expect(overviewCsv(table)).toBe(
      [
        "run,dataset,n,pass@1,pass@2,pass@1_ci_lower,pass@1_ci_upper,problems,samples,model_errors,tokens_in,tokens_out,cost_usd,wall_seconds,model_calls_per_problem",
        "codesim · openai:gpt-4o-mini,humaneval,2,0.625,0.8125,0.25,0.75,2,4,1,12345,678,0.0123,75.5,4.5",
        "my_samples & more,humaneval,2,0.5,0.75,0.25,0.75,2,4,,,,,1.25,",
        "",
      ].join("\r\n"),
    );
    const quoted = overviewCsv(overviewTable([run('a, "b"', evalSummary)]));
    expect(quoted.split("\r\n")[1]).toMatch(/^"a, ""b""",humaneval,/);
  });

  it("writes a Markdown table with the numbers as shown", () => {
    const lines = overviewMarkdown(table).trimEnd().split("\n");
    expect(lines[0]).toBe("| Run | Dataset | n | pass@1 | pass@2 | pass@1 95% CI | Problems | Samples | Model errors | Tokens in | Tokens out | Cost | Wall time | Calls / problem |");
    expect(lines[1]).toBe("| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    expect(lines[2]).toBe("| codesim · openai:gpt-4o-mini | humaneval | 2 | 62.5% | 81.3% | 25.0% – 75.0% | 2 | 4 | 1 | 12,345 | 678 | $0.0123 | 1 min 16 s | 4.50 |");
    expect(lines[3]).toBe("| my_samples & more | humaneval | 2 | 50.0% | 75.0% | 25.0% – 75.0% | 2 | 4 | – | – | – | – | 1.3 s | – |");
  });

  it("writes a booktabs LaTeX table with escaped text and the best pass@k in bold", () => {
    const latex = overviewLatex(table);
    expect(latex).toContain("\\begin{tabular}{llrrrrrrrrrrrr}");
    expect(latex).toContain("Run & Dataset & n & pass@1 (\\%) & pass@2 (\\%) & pass@1 95\\% CI (\\%) & Problems");
    expect(latex).toContain("codesim · openai:gpt-4o-mini & humaneval & 2 & \\textbf{62.5} & \\textbf{81.3} & 25.0 -- 75.0 & 2 & 4 & 1 & 12,345 & 678 & \\$0.0123 & 1 min 16 s & 4.50 \\\\");
    expect(latex).toContain("my\\_samples \\& more & humaneval & 2 & 50.0 & 75.0 & 25.0 -- 75.0 & 2 & 4 & -- & -- & -- & -- & 1.3 s & -- \\\\");
    expect(latex.trimEnd().split("\n").slice(-2)).toEqual(["\\bottomrule", "\\end{tabular}"]);
  });
});
