import { autoCodeBenchLanguage, autoCodeBenchProblemLanguage, runAutoCodeBenchSolution, type AutoCodeBenchRun } from "@cg/autocodebench-judge";
import { z } from "zod";
import type { DataFile } from "./data-file";
import { readJsonlRecords } from "./jsonl";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, LoadOptions, Problem, Sandbox, ScoreOptions, Suite, Verdict } from "./types";

/** The published files: ACB-Full (3,920 problems), ACB-Lite (1,586) and ACB-Complete (1,000, 3-shot). */
export type AutoCodeBenchVariant = "full" | "lite" | "complete";

const FILE_NAMES: Record<AutoCodeBenchVariant, string> = {
  full: "autocodebench.jsonl",
  lite: "autocodebench_lite.jsonl",
  complete: "autocodebench_completion_3shot.jsonl",
};

/** tencent/AutoCodeBenchmark on the Hugging Face hub (no checksums published). */
export function autoCodeBenchFile(variant: AutoCodeBenchVariant): DataFile {
  return {
    source: "autocodebench",
    file: FILE_NAMES[variant],
    url: `https://huggingface.co/datasets/tencent/AutoCodeBenchmark/resolve/main/${FILE_NAMES[variant]}`,
  };
}

export const autoCodeBenchRecordSchema = z.object({
  question: z.string(),
  canonical_solution: z.string(),
  demo_test_func: z.string(),
  full_test_func: z.string(),
  language: z.string().min(1),
  difficulty: z.string(),
});
type AutoCodeBenchRecord = z.infer<typeof autoCodeBenchRecordSchema>;

/** The benchmark's system prompt, which its evaluation puts before every question. */
export const AUTOCODEBENCH_SYSTEM_PROMPT =
  "You are an expert programmer. Your task is to provide a code solution within a single Markdown code block for the given programming problem. Do not include any direct execution commands, test cases, or usage examples within the code block.";

/** The prompt as the benchmark's evaluation builds it; ACB-Complete asks base models to continue after a marker. */
export function autoCodeBenchPrompt(question: string, variant: AutoCodeBenchVariant): string {
  const prompt = `${AUTOCODEBENCH_SYSTEM_PROMPT}\n\n${question}`;
  return variant === "complete" ? `${prompt}\n\n[Code Solution]\n` : prompt;
}

/** How long the benchmark's evaluation lets each program run (its sandbox adds a per-language allowance). */
const TIMEOUT_SECONDS = 30;

interface AutoCodeBenchTask {
  record: AutoCodeBenchRecord;
  /** AutoCodeBench's universal language name. */
  language: string;
}

/**
 * AutoCodeBench (Chou et al., 2025): 3,920 problems over 20 languages. A solution passes when
 * it passes both its full and its demo test programs, each joined with the solution and run the
 * way the benchmark's multi-language sandbox joins and runs them.
 */
export class AutoCodeBenchDataset implements Dataset {
  readonly name: string;
  readonly description: string;
  readonly files: readonly DataFile[];
  readonly defaultTimeoutSeconds = TIMEOUT_SECONDS;

  constructor(private readonly variant: AutoCodeBenchVariant = "full") {
    this.name = variant === "full" ? "autocodebench" : `autocodebench-${variant}`;
    this.description = {
      full: "AutoCodeBench: 3,920 problems in 20 languages, scored by the benchmark's sandbox semantics",
      lite: "AutoCodeBench-Lite: 1,586 problems solved by at least two models",
      complete: "AutoCodeBench-Complete: 1,000 problems posed 3-shot for base models",
    }[variant];
    this.files = [autoCodeBenchFile(variant)];
  }

  async load(options?: LoadOptions): Promise<Suite> {
    const file = this.files[0]!;
    const records = await readJsonlRecords(file, autoCodeBenchRecordSchema, options);
    const counts = new Map<string, number>();
    const loaded = records.map((record) => {
      const language = autoCodeBenchLanguage(record.language);
      const ordinal = counts.get(language) ?? 0;
      counts.set(language, ordinal + 1);
      // Records carry no id: a problem is its language and its place among that language's problems.
      const taskId = `${record.language.toLowerCase()}/${ordinal}`;
      const problem: Problem = {
        taskId,
        language: autoCodeBenchProblemLanguage(language),
        prompt: autoCodeBenchPrompt(record.question, this.variant),
        publicTests: [{ kind: "assert", code: record.demo_test_func }],
        metadata: { language: record.language.toLowerCase(), difficulty: record.difficulty },
      };
      return { problem, task: { record, language } };
    });
    const taskOf = taskIndex(this.name, loaded.map(({ problem, task }) => [problem.taskId, task] as const));
    return {
      problems: loaded.map(({ problem }) => problem),
      normalizeTaskId: (raw) => String(raw).trim(),
      canonical: (problem) => ({ kind: "solution", code: taskOf(problem).record.canonical_solution }),
      /** Passes when the full tests and then the demo tests pass, as the benchmark's evaluation requires. */
      score: async (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        const full = await run(task, candidate, task.record.full_test_func, sandbox, scoreOptions);
        if (full.outcome !== "PASSED") return verdictOf(full, "full tests");
        return verdictOf(await run(task, candidate, task.record.demo_test_func, sandbox, scoreOptions), "demo tests");
      },
      runPublicTests: async (problem, candidate, sandbox, scoreOptions) => {
        const test = problem.publicTests[0]!;
        const task = taskOf(problem);
        const demo = await run(task, candidate, task.record.demo_test_func, sandbox, scoreOptions);
        const passed = demo.outcome === "PASSED";
        const detail = passed ? "passed" : describe(demo);
        return {
          passed,
          results: [{ test, passed, status: demo.status, detail: detail.slice(0, 600) }],
          log: passed ? "The demo tests passed." : `The demo tests failed: ${detail.slice(0, 2000)}`,
        };
      },
    };
  }
}

/** Joins a solution with a test program and runs it as the benchmark's evaluation does. */
function run(task: AutoCodeBenchTask, candidate: Candidate, tests: string, sandbox: Sandbox, options: ScoreOptions = {}): Promise<AutoCodeBenchRun> {
  const solution = task.language === "elixir" ? wrapElixirModule(candidate.code, task.record.canonical_solution) : candidate.code;
  return runAutoCodeBenchSolution(sandbox, task.language, solution, tests, { timeoutSeconds: options.timeoutSeconds ?? TIMEOUT_SECONDS });
}

/**
 * The benchmark's evaluation puts an Elixir answer inside the reference solution's module: the
 * answer's own `defmodule` line and last line are replaced by the reference's, and an answer
 * without a module is indented into it, so the tests find the module name they expect.
 */
export function wrapElixirModule(answer: string, reference: string): string {
  const referenceLines = reference.trim().split("\n");
  const first = referenceLines[0]!;
  const last = referenceLines[referenceLines.length - 1]!;
  if (!first.startsWith("defmodule") || !last.startsWith("end")) return answer;
  const answerLines = answer.trim().split("\n");
  const body =
    answerLines[0]!.startsWith("defmodule") && answerLines[answerLines.length - 1]!.startsWith("end")
      ? answerLines.slice(1, -1)
      : answerLines.map((line) => `  ${line}`);
  return [first, ...body, last].join("\n");
}

function describe(run: AutoCodeBenchRun): string {
  const message = run.compileMessage || run.runtimeMessage || run.stderr || run.stdout;
  return `${run.outcome}${message ? `: ${message.trim()}` : ""}`;
}

function verdictOf(run: AutoCodeBenchRun, which: string): Verdict {
  const passed = run.outcome === "PASSED";
  return {
    passed,
    // A program that exits cleanly but prints a failure word has failed its tests.
    status: passed ? "passed" : run.status === "passed" ? "failed" : run.status,
    ...(passed ? {} : { errorType: run.outcome, errorMessage: `${which}: ${describe(run)}`.slice(0, 2000) }),
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}
