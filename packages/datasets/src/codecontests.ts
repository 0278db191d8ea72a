import { z } from "zod";
import type { DataFile } from "./data-file";
import { verdictFromJudge } from "./judge";
import { readJsonlRecords } from "./jsonl";
import { runIoTests } from "./public-tests";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, Language, LoadOptions, Sandbox, ScoreOptions, Suite, Verdict } from "./types";

export type CodeContestsSplit = "test" | "valid";

/** deepmind/code_contests exported as JSON Lines, one file per split (no checksums published). */
export function codeContestsFile(split: CodeContestsSplit): DataFile {
  return {
    source: "code_contests",
    file: `${split}.jsonl`,
    url: `https://huggingface.co/datasets/deepmind/code_contests/resolve/main/data/${split}.jsonl`,
  };
}

const testsSchema = z.object({ input: z.array(z.string()), output: z.array(z.string()) });

export const codeContestsRecordSchema = z.object({
  name: z.string(),
  description: z.string(),
  public_tests: testsSchema,
  private_tests: testsSchema,
  generated_tests: testsSchema,
  solutions: z.object({ language: z.array(z.number().int()), solution: z.array(z.string()) }),
  difficulty: z.number().int(),
  cf_rating: z.number().int(),
  cf_tags: z.array(z.string()),
  time_limit: z.object({ seconds: z.number(), nanos: z.number() }).nullable(),
  memory_limit_bytes: z.number(),
});
type CodeContestsRecord = z.infer<typeof codeContestsRecordSchema>;

/** The `Language` enum of the dataset's proto, mapped to executor languages. */
const SOLUTION_LANGUAGES: Record<number, string> = { 1: "python2", 2: "cpp", 3: "python", 4: "java" };

/** Used when a problem states no time limit. */
const DEFAULT_TIME_LIMIT_SECONDS = 2;

interface CodeContestsTask {
  record: CodeContestsRecord;
  wallSeconds: number;
}

/**
 * CodeContests (Li et al., 2022, AlphaCode): competitive-programming problems with public,
 * private and generated tests, judged against all of them with each problem's limits.
 */
export class CodeContestsDataset implements Dataset {
  readonly name: string;
  readonly description: string;
  readonly files: readonly DataFile[];
  readonly defaultTimeoutSeconds = DEFAULT_TIME_LIMIT_SECONDS;

  constructor(
    private readonly split: CodeContestsSplit = "test",
    /** The language solutions are asked for and judged in unless a candidate names its own. */
    private readonly language: Language = "python",
  ) {
    this.name = split === "test" ? "codecontests" : `codecontests-${split}`;
    this.description = `CodeContests ${split} split (AlphaCode), judged on public, private and generated tests`;
    this.files = [codeContestsFile(split)];
  }

  async load(options?: LoadOptions): Promise<Suite> {
    const file = this.files[0]!;
    const records = await readJsonlRecords(file, codeContestsRecordSchema, options);
    const limitOf = (record: CodeContestsRecord) => (record.time_limit ? record.time_limit.seconds + record.time_limit.nanos / 1e9 : 0);
    const taskOf = taskIndex(
      this.name,
      records.map((record) => [record.name, { record, wallSeconds: limitOf(record) > 0 ? limitOf(record) : DEFAULT_TIME_LIMIT_SECONDS }] as const),
    );
    return {
      problems: records.map((record) => ({
        taskId: record.name,
        language: this.language,
        prompt: record.description,
        publicTests: record.public_tests.input.map((input, i) => ({ kind: "io", input, output: record.public_tests.output[i] ?? "" })),
        metadata: { difficulty: record.difficulty, cf_rating: record.cf_rating, cf_tags: record.cf_tags.join(","), time_limit_seconds: limitOf(record), memory_limit_bytes: record.memory_limit_bytes },
        reference: { dataset: "CC", fields: { description: record.description } },
      })),
      normalizeTaskId: (raw) => String(raw).trim(),
      /** The first published solution in the dataset's language (Python 3 for `python`). */
      canonical: (problem) => {
        const { solutions } = taskOf(problem).record;
        const index = solutions.language.findIndex((code) => SOLUTION_LANGUAGES[code] === this.language);
        return index < 0 ? undefined : { kind: "solution", code: solutions.solution[index]!, language: this.language };
      },
      score: (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        const { record } = task;
        const tests = [record.public_tests, record.private_tests, record.generated_tests].flatMap((set) =>
          set.input.map((input, i) => ({ input, expected: set.output[i] ?? "" })),
        );
        return this.judge(task, candidate, tests, sandbox, scoreOptions);
      },
      runPublicTests: (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        return runIoTests(problem.publicTests, (index) => {
          const test = problem.publicTests[index]!;
          return this.judge(task, candidate, [{ input: test.kind === "io" ? test.input : "", expected: test.kind === "io" ? test.output : "" }], sandbox, scoreOptions);
        });
      },
    };
  }

  private async judge(
    task: CodeContestsTask,
    candidate: Candidate,
    tests: Array<{ input: string; expected: string }>,
    sandbox: Sandbox,
    options: ScoreOptions = {},
  ): Promise<Verdict> {
    const result = await sandbox.judge({
      language: candidate.language ?? this.language,
      source: candidate.code,
      tests,
      comparison: { mode: "tokens" },
      limits: {
        wallSeconds: options.timeoutSeconds ?? task.wallSeconds,
        ...(task.record.memory_limit_bytes > 0 ? { memoryBytes: task.record.memory_limit_bytes } : {}),
      },
    });
    return { ...verdictFromJudge(result), ...(result.failedTest !== undefined ? { failedTest: result.failedTest } : {}) };
  }
}
