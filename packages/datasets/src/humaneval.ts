import { z } from "zod";
import { humanEvalCompletionPrompt } from "./completion-prompts";
import { readDataText, type DataFile } from "./data-file";
import { parseJsonl, readJsonlRecords } from "./jsonl";
import { testsProgramSuite, type TestsProgramSuite } from "./tests-program-suite";
import type { Candidate, Dataset, LoadOptions, PublicTest } from "./types";

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
  return new Map(
    (await readJsonlRecords(HUMANEVAL_PUBLIC_TESTS_FILE, publicTestsRecordSchema, options)).map((record) => [
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

/** OpenAI's HumanEval (Chen et al., 2021): 164 Python function-completion problems. */
export class HumanEvalDataset implements Dataset {
  readonly name = "humaneval";
  readonly description = "OpenAI HumanEval: 164 hand-written Python problems, scored by their check() tests";
  readonly files = [HUMANEVAL_FILE, HUMANEVAL_PUBLIC_TESTS_FILE];
  /** human-eval's evaluate_functional_correctness default. */
  readonly defaultTimeoutSeconds = 3;

  async load(options?: LoadOptions): Promise<TestsProgramSuite> {
    const [text, examples] = await Promise.all([readDataText(HUMANEVAL_FILE, options), loadHumanEvalExamples(options)]);
    const records = parseJsonl(text, humanEvalRecordSchema, HUMANEVAL_FILE.file);
    const code = (record: HumanEvalRecord, candidate: Candidate) => (candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code);
    return testsProgramSuite(this, records, {
      problem: (record) => ({
        taskId: record.task_id,
        language: "python",
        prompt: record.prompt,
        entryPoint: record.entry_point,
        publicTests: examples.get(record.task_id) ?? [],
        completionPrompt: humanEvalCompletionPrompt(record.prompt),
        metadata: {},
        reference: { dataset: "HumanEval", fields: { prompt: record.prompt } },
      }),
      canonical: (record) => ({ kind: "completion", code: record.canonical_solution }),
      /** Exactly human-eval's check program: prompt + completion + test + check(entry_point). */
      program: (record, candidate) => ({ source: code(record, candidate), tests: `${record.test}\ncheck(${record.entry_point})` }),
      publicTestCode: code,
    });
  }
}
