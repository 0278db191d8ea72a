import { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { HUMANEVAL_PUBLIC_TESTS_FILE, loadHumanEvalExamples } from "./humaneval";
import { parseJsonl } from "./jsonl";
import { MAPCODER_TIMEOUT_SECONDS, typingImportFor } from "./mapcoder";
import { testsProgramSuite, type TestsProgramSuite } from "./tests-program-suite";
import type { Dataset, LoadOptions } from "./types";

export const HUMANEVAL_ET_FILE: DataFile = {
  source: "codesim-data",
  file: "HumanEval/HumanEvalET.jsonl",
  url: "https://raw.githubusercontent.com/kagnlp/CodeGenerator/main/data/HumanEval/HumanEvalET.jsonl",
  sha256: "1c22b1f71e3ed79bc90ce2a2b70e10c9d5dcbae8a4b25ec82e4cc0ffc6301848",
};

const humanEvalEtRecordSchema = z.object({
  task_id: z.string(),
  prompt: z.string(),
  entry_point: z.string(),
  canonical_solution: z.string(),
  test_case_list: z.array(z.string()).min(1),
});

/**
 * HumanEval-ET (Dong et al., CodeScore): HumanEval's problems with about 100 extended assert
 * tests each, in the release MapCoder and CodeSIM evaluate with.
 */
export class HumanEvalEtDataset implements Dataset {
  readonly name = "humaneval-et";
  readonly description = "HumanEval-ET: HumanEval's 164 problems with extended tests, scored as MapCoder/CodeSIM do";
  readonly files = [HUMANEVAL_ET_FILE, HUMANEVAL_PUBLIC_TESTS_FILE];
  readonly defaultTimeoutSeconds = MAPCODER_TIMEOUT_SECONDS;

  async load(options?: LoadOptions): Promise<TestsProgramSuite> {
    const [text, examples] = await Promise.all([readDataText(HUMANEVAL_ET_FILE, options), loadHumanEvalExamples(options)]);
    const records = parseJsonl(text, humanEvalEtRecordSchema, HUMANEVAL_ET_FILE.file);
    return testsProgramSuite(this, records, {
      problem: (record) => ({
        taskId: record.task_id,
        language: "python",
        prompt: record.prompt,
        entryPoint: record.entry_point,
        publicTests: examples.get(record.task_id) ?? [],
        metadata: { tests: record.test_case_list.length },
      }),
      canonical: (record) => ({ kind: "completion", code: record.canonical_solution }),
      /**
       * MapCoder's `evaluate_io_et`: the prompt, the code and every extended assert in one program.
       * The prompt comes first for a whole `solution` too, as there, so its imports and helper
       * functions are in scope.
       */
      program: (record, candidate) => ({
        source: `${typingImportFor(candidate.code)}${record.prompt}${candidate.code}`,
        tests: `${record.test_case_list.join("\n")}\n`,
      }),
      /** The docstring examples, run after the code as `humaneval` runs them. */
      publicTestCode: (record, candidate) => {
        const code = candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code;
        return typingImportFor(code) + code;
      },
    });
  }
}
