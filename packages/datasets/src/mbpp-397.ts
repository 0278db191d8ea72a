import { z } from "zod";
import type { DataFile } from "./data-file";
import { readJsonlRecords } from "./jsonl";
import { MAPCODER_TIMEOUT_SECONDS, typingImportFor } from "./mapcoder";
import { testsProgramSuite, type TestsProgramSuite } from "./tests-program-suite";
import type { Candidate, Dataset, LoadOptions } from "./types";

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

  async load(options?: LoadOptions): Promise<TestsProgramSuite> {
    const records = await readJsonlRecords(MBPP_397_FILE, mbpp397RecordSchema, options);
    const namesByNumber = new Map(records.map((record) => [taskNumber(record.name), record.name]));
    const code = (record: Mbpp397Record, candidate: Candidate) => (candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code);
    return testsProgramSuite(this, records, {
      problem: (record) => ({
        taskId: record.name,
        language: "python",
        prompt: record.prompt,
        entryPoint: record.entry_point,
        publicTests: record.sample_io.map((test) => ({ kind: "assert", code: test })),
        metadata: { mbppTaskId: Number(taskNumber(record.name)) },
        reference: { dataset: "MBPP", fields: { prompt: record.prompt } },
      }),
      /** The release has no reference solutions. */
      canonical: () => undefined,
      /**
       * MapCoder's `evaluate_functional_correctness`: the code, the record's test (which ends by
       * calling its own `test_check()`), then `check(entry_point)` again.
       */
      program: (record, candidate) => {
        const source = code(record, candidate);
        return { source: `${typingImportFor(source)}${source}`, tests: `${record.test}\ncheck(${record.entry_point})` };
      },
      /** The `sample_io` asserts, each run after the code as MapCoder's `evaluate_io` runs them. */
      publicTestCode: (record, candidate) => {
        const source = code(record, candidate);
        return typingImportFor(source) + source;
      },
      /** The record name, or MBPP's number in any usual spelling (762, "mbpp/762"). */
      normalizeTaskId: (raw) => {
        const text = String(raw).trim();
        const number = /^(?:mbpp\/)?(\d+)$/i.exec(text)?.[1];
        return (number !== undefined ? namesByNumber.get(number) : undefined) ?? text;
      },
    });
  }
}
