import type { Executor } from "@cg/executor";
import { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { UnknownProblemError } from "./errors";
import { HUMANEVAL_PUBLIC_TESTS_FILE, loadHumanEvalExamples } from "./humaneval";
import { parseJsonl } from "./jsonl";
import { MAPCODER_TIMEOUT_SECONDS, typingImportFor } from "./mapcoder";
import { runAssertTests } from "./public-tests";
import type { Candidate, Dataset, LoadOptions, Problem, PublicTestReport, ScoreOptions, Verdict } from "./types";
import { scoreTestsProgram, type TestsProgram } from "./verdict";

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
type HumanEvalEtRecord = z.infer<typeof humanEvalEtRecordSchema>;

/**
 * HumanEval-ET (Dong et al., CodeScore): HumanEval's problems with about 100 extended assert
 * tests each, in the release MapCoder and CodeSIM evaluate with.
 */
export class HumanEvalEtDataset implements Dataset {
  readonly name = "humaneval-et";
  readonly description = "HumanEval-ET: HumanEval's 164 problems with extended tests, scored as MapCoder/CodeSIM do";
  readonly files = [HUMANEVAL_ET_FILE, HUMANEVAL_PUBLIC_TESTS_FILE];
  readonly defaultTimeoutSeconds = MAPCODER_TIMEOUT_SECONDS;
  private readonly records = new Map<string, HumanEvalEtRecord>();

  async load(options?: LoadOptions): Promise<Problem[]> {
    const [text, examples] = await Promise.all([readDataText(HUMANEVAL_ET_FILE, options), loadHumanEvalExamples(options)]);
    const records = parseJsonl(text, humanEvalEtRecordSchema, HUMANEVAL_ET_FILE.file);
    this.records.clear();
    for (const record of records) this.records.set(record.task_id, record);
    return records.map((record) => ({
      taskId: record.task_id,
      language: "python",
      prompt: record.prompt,
      entryPoint: record.entry_point,
      publicTests: examples.get(record.task_id) ?? [],
      metadata: { tests: record.test_case_list.length },
    }));
  }

  normalizeTaskId(raw: string | number): string {
    return String(raw);
  }

  canonicalCandidate(problem: Problem): Candidate {
    return { kind: "completion", code: this.record(problem).canonical_solution };
  }

  /**
   * MapCoder's `evaluate_io_et`: the prompt, the code and every extended assert in one program.
   * The prompt comes first for a whole `solution` too, as there, so its imports and helper
   * functions are in scope.
   */
  program(problem: Problem, candidate: Candidate): TestsProgram {
    const record = this.record(problem);
    return { source: `${typingImportFor(candidate.code)}${record.prompt}${candidate.code}`, tests: `${record.test_case_list.join("\n")}\n` };
  }

  score(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<Verdict> {
    return scoreTestsProgram(executor, this.program(problem, candidate), options.timeoutSeconds ?? this.defaultTimeoutSeconds);
  }

  /** The docstring examples, run after the code as `humaneval` runs them. */
  runPublicTests(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<PublicTestReport> {
    const record = this.record(problem);
    const code = candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code;
    return runAssertTests(typingImportFor(code) + code, problem.publicTests, executor, options.timeoutSeconds ?? this.defaultTimeoutSeconds);
  }

  private record(problem: Problem): HumanEvalEtRecord {
    const record = this.records.get(problem.taskId);
    if (!record) throw new UnknownProblemError(this.name, problem.taskId);
    return record;
  }
}
