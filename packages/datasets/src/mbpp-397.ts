import type { Executor } from "@cg/executor";
import { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { UnknownProblemError } from "./errors";
import { parseJsonl } from "./jsonl";
import { MAPCODER_TIMEOUT_SECONDS, typingImportFor } from "./mapcoder";
import { runAssertTests } from "./public-tests";
import type { Candidate, Dataset, LoadOptions, Problem, PublicTestReport, ScoreOptions, Verdict } from "./types";
import { scoreTestsProgram, type TestsProgram } from "./verdict";

export const MBPP_397_FILE: DataFile = {
  source: "codesim-data",
  file: "MBPPEval/mbpp-py.jsonl",
  url: "https://raw.githubusercontent.com/kagnlp/CodeGenerator/main/data/MBPPEval/mbpp-py.jsonl",
  sha256: "20de4e7d41953df164bc96106d265e13b200323e29527508ced5b7d28a8b9075",
};

/** MultiPL-E's Python MBPP records, with CodeSIM/MapCoder's `sample_io` added. */
const mbpp397RecordSchema = z.object({
  name: z.string().regex(/^mbpp_\d+_\w+$/),
  prompt: z.string(),
  entry_point: z.string(),
  test: z.string(),
  sample_io: z.array(z.string()),
});
type Mbpp397Record = z.infer<typeof mbpp397RecordSchema>;

function taskNumber(name: string): string {
  return name.split("_")[1]!;
}

/**
 * The 397 MBPP problems MapCoder and CodeSIM report on: MultiPL-E's typed Python prompts (a
 * signature and a docstring) with a `check` function of asserts. Task ids are the records' names,
 * e.g. `mbpp_762_check_monthnumber_number`.
 */
export class Mbpp397Dataset implements Dataset {
  readonly name = "mbpp-397";
  readonly description = "MBPP as MapCoder/CodeSIM use it: 397 MultiPL-E prompts, public tests from sample_io";
  readonly files = [MBPP_397_FILE];
  readonly defaultTimeoutSeconds = MAPCODER_TIMEOUT_SECONDS;
  private readonly records = new Map<string, Mbpp397Record>();
  private readonly namesByNumber = new Map<string, string>();

  async load(options?: LoadOptions): Promise<Problem[]> {
    const records = parseJsonl(await readDataText(MBPP_397_FILE, options), mbpp397RecordSchema, MBPP_397_FILE.file);
    this.records.clear();
    this.namesByNumber.clear();
    for (const record of records) {
      this.records.set(record.name, record);
      this.namesByNumber.set(taskNumber(record.name), record.name);
    }
    return records.map((record) => ({
      taskId: record.name,
      language: "python",
      prompt: record.prompt,
      entryPoint: record.entry_point,
      publicTests: record.sample_io.map((code) => ({ kind: "assert", code })),
      metadata: { mbppTaskId: Number(taskNumber(record.name)) },
      reference: { dataset: "MBPP", fields: { prompt: record.prompt } },
    }));
  }

  /** Accepts the record name and, once loaded, MBPP's number in any usual spelling (762, "mbpp/762"). */
  normalizeTaskId(raw: string | number): string {
    const text = String(raw).trim();
    const number = /^(?:mbpp\/)?(\d+)$/i.exec(text)?.[1];
    return (number !== undefined ? this.namesByNumber.get(number) : undefined) ?? text;
  }

  /** The release has no reference solutions. */
  canonicalCandidate(): undefined {
    return undefined;
  }

  /**
   * MapCoder's `evaluate_functional_correctness`: the code, the record's test (which ends by
   * calling its own `test_check()`), then `check(entry_point)` again.
   */
  program(problem: Problem, candidate: Candidate): TestsProgram {
    const record = this.record(problem);
    const code = this.code(record, candidate);
    return { source: `${typingImportFor(code)}${code}`, tests: `${record.test}\ncheck(${record.entry_point})` };
  }

  score(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<Verdict> {
    return scoreTestsProgram(executor, this.program(problem, candidate), options.timeoutSeconds ?? this.defaultTimeoutSeconds);
  }

  /** The `sample_io` asserts, each run after the code as MapCoder's `evaluate_io` runs them. */
  runPublicTests(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<PublicTestReport> {
    const code = this.code(this.record(problem), candidate);
    return runAssertTests(typingImportFor(code) + code, problem.publicTests, executor, options.timeoutSeconds ?? this.defaultTimeoutSeconds);
  }

  private code(record: Mbpp397Record, candidate: Candidate): string {
    return candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code;
  }

  private record(problem: Problem): Mbpp397Record {
    const record = this.records.get(problem.taskId);
    if (!record) throw new UnknownProblemError(this.name, problem.taskId);
    return record;
  }
}
