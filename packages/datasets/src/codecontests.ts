import type { Executor } from "@cg/executor";
import { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { UnknownProblemError } from "./errors";
import { requireJudge, verdictFromJudge } from "./judge";
import { parseJsonl } from "./jsonl";
import { runIoTests } from "./public-tests";
import type { Candidate, Dataset, Language, LoadOptions, Problem, PublicTestReport, ScoreOptions, Verdict } from "./types";

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
  private readonly tasks = new Map<string, CodeContestsTask>();

  constructor(
    private readonly split: CodeContestsSplit = "test",
    /** The language solutions are asked for and judged in unless a candidate names its own. */
    private readonly language: Language = "python",
  ) {
    this.name = split === "test" ? "codecontests" : `codecontests-${split}`;
    this.description = `CodeContests ${split} split (AlphaCode), judged on public, private and generated tests`;
    this.files = [codeContestsFile(split)];
  }

  async load(options?: LoadOptions): Promise<Problem[]> {
    const file = this.files[0]!;
    const records = parseJsonl(await readDataText(file, options), codeContestsRecordSchema, file.file);
    this.tasks.clear();
    return records.map((record) => {
      const limit = record.time_limit ? record.time_limit.seconds + record.time_limit.nanos / 1e9 : 0;
      this.tasks.set(record.name, { record, wallSeconds: limit > 0 ? limit : DEFAULT_TIME_LIMIT_SECONDS });
      return {
        taskId: record.name,
        language: this.language,
        prompt: record.description,
        publicTests: record.public_tests.input.map((input, i) => ({ kind: "io", input, output: record.public_tests.output[i] ?? "" })),
        metadata: { difficulty: record.difficulty, cf_rating: record.cf_rating, cf_tags: record.cf_tags.join(","), time_limit_seconds: limit, memory_limit_bytes: record.memory_limit_bytes },
        reference: { dataset: "CC", fields: { description: record.description } },
      };
    });
  }

  normalizeTaskId(raw: string | number): string {
    return String(raw).trim();
  }

  /** The first published solution in the dataset's language (Python 3 for `python`). */
  canonicalCandidate(problem: Problem): Candidate | undefined {
    const { solutions } = this.task(problem).record;
    const index = solutions.language.findIndex((code) => SOLUTION_LANGUAGES[code] === this.language);
    return index < 0 ? undefined : { kind: "solution", code: solutions.solution[index]!, language: this.language };
  }

  score(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<Verdict> {
    const { record } = this.task(problem);
    const tests = [record.public_tests, record.private_tests, record.generated_tests].flatMap((set) =>
      set.input.map((input, i) => ({ input, expected: set.output[i] ?? "" })),
    );
    return this.judge(problem, candidate, tests, executor, options);
  }

  runPublicTests(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<PublicTestReport> {
    return runIoTests(problem.publicTests, (index) => {
      const test = problem.publicTests[index]!;
      return this.judge(problem, candidate, [{ input: test.kind === "io" ? test.input : "", expected: test.kind === "io" ? test.output : "" }], executor, options);
    });
  }

  private async judge(
    problem: Problem,
    candidate: Candidate,
    tests: Array<{ input: string; expected: string }>,
    executor: Executor,
    options: ScoreOptions,
  ): Promise<Verdict> {
    const task = this.task(problem);
    const result = await requireJudge(executor, this.name).judge({
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

  private task(problem: Problem): CodeContestsTask {
    const task = this.tasks.get(problem.taskId);
    if (!task) throw new UnknownProblemError(this.name, problem.taskId);
    return task;
  }
}
