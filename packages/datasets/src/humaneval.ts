import type { Executor } from "@cg/executor";
import { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { humanEvalCompletionPrompt } from "./completion-prompts";
import { parseJsonl } from "./jsonl";
import { runAssertTests } from "./public-tests";
import type { Candidate, Dataset, LoadOptions, Problem, PublicTest, PublicTestReport, ScoreOptions, Verdict } from "./types";
import { scoreTestsProgram, type TestsProgram } from "./verdict";
import { UnknownProblemError } from "./errors";

export const HUMANEVAL_FILE: DataFile = {
  source: "humaneval",
  file: "HumanEval.jsonl.gz",
  url: "https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz",
  sha256: "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef",
};

/**
 * The docstring examples of each problem as assert statements (`sample_io`), as curated in the
 * CodeSIM/MapCoder release: the public tests strategies may see.
 */
export const HUMANEVAL_PUBLIC_TESTS_FILE: DataFile = {
  source: "codesim-data",
  file: "HumanEval/HumanEval.jsonl",
  url: "https://raw.githubusercontent.com/kagnlp/CodeGenerator/main/data/HumanEval/HumanEval.jsonl",
  sha256: "1ee3131f7bca60c22cae3bd6d695022c2aaa56d8df39fbf1e1fb64976953e3d9",
};

const publicTestsRecordSchema = z.object({ task_id: z.string(), sample_io: z.array(z.string()) });

/** The curated docstring examples of each HumanEval problem, as assert statements, by task id. */
export async function loadHumanEvalExamples(options?: LoadOptions): Promise<Map<string, PublicTest[]>> {
  const text = await readDataText(HUMANEVAL_PUBLIC_TESTS_FILE, options);
  return new Map(
    parseJsonl(text, publicTestsRecordSchema, HUMANEVAL_PUBLIC_TESTS_FILE.file).map((record) => [
      record.task_id,
      record.sample_io.map((code): PublicTest => ({ kind: "assert", code })),
    ]),
  );
}

export const humanEvalRecordSchema = z.object({
  task_id: z.string(),
  prompt: z.string(),
  canonical_solution: z.string(),
  test: z.string(),
  entry_point: z.string(),
});
export type HumanEvalRecord = z.infer<typeof humanEvalRecordSchema>;

interface HumanEvalProblem extends Problem {
  entryPoint: string;
}

/** OpenAI's HumanEval (Chen et al., 2021): 164 Python function-completion problems. */
export class HumanEvalDataset implements Dataset {
  readonly name = "humaneval";
  readonly description = "OpenAI HumanEval: 164 hand-written Python problems, scored by their check() tests";
  readonly files = [HUMANEVAL_FILE, HUMANEVAL_PUBLIC_TESTS_FILE];
  /** human-eval's evaluate_functional_correctness default. */
  readonly defaultTimeoutSeconds = 3;
  private readonly records = new Map<string, HumanEvalRecord>();

  async load(options?: LoadOptions): Promise<Problem[]> {
    const [text, examples] = await Promise.all([readDataText(HUMANEVAL_FILE, options), loadHumanEvalExamples(options)]);
    const records = parseJsonl(text, humanEvalRecordSchema, HUMANEVAL_FILE.file);
    this.records.clear();
    for (const record of records) this.records.set(record.task_id, record);
    return records.map(
      (record): HumanEvalProblem => ({
        taskId: record.task_id,
        language: "python",
        prompt: record.prompt,
        entryPoint: record.entry_point,
        publicTests: examples.get(record.task_id) ?? [],
        completionPrompt: humanEvalCompletionPrompt(record.prompt),
        metadata: {},
      }),
    );
  }

  normalizeTaskId(raw: string | number): string {
    return String(raw);
  }

  canonicalCandidate(problem: Problem): Candidate {
    return { kind: "completion", code: this.record(problem).canonical_solution };
  }

  /** Exactly human-eval's check program: prompt + completion + test + check(entry_point). */
  program(problem: Problem, candidate: Candidate): TestsProgram {
    const record = this.record(problem);
    const code = candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code;
    return { source: code, tests: `${record.test}\ncheck(${record.entry_point})` };
  }

  score(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<Verdict> {
    return scoreTestsProgram(executor, this.program(problem, candidate), options.timeoutSeconds ?? this.defaultTimeoutSeconds);
  }

  runPublicTests(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<PublicTestReport> {
    const record = this.record(problem);
    const code = candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code;
    return runAssertTests(code, problem.publicTests, executor, options.timeoutSeconds ?? this.defaultTimeoutSeconds);
  }

  private record(problem: Problem): HumanEvalRecord {
    const record = this.records.get(problem.taskId);
    if (!record) throw new UnknownProblemError(this.name, problem.taskId);
    return record;
  }
}
