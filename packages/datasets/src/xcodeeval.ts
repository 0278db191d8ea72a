import { z } from "zod";
import { readDataText, type DataFile } from "./data-file";
import { MalformedRecordError } from "./errors";
import { parseJsonl } from "./jsonl";
import { runIoTests } from "./public-tests";
import { execEvalAccepts } from "./execeval-output";
import { runStdioTests, type StdioTest } from "./stdio-tests";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, Language, LoadOptions, Problem, Sandbox, ScoreOptions, Suite, Verdict } from "./types";

/** The program-synthesis validation problems of the MapCoder/CodeSIM release (statements and samples). */
export const XCODEEVAL_PROBLEMS_FILE: DataFile = {
  source: "codesim-data",
  file: "xCodeEval/prog_syn_val.jsonl",
  url: "https://raw.githubusercontent.com/kagnlp/CodeGenerator/main/data/xCodeEval/prog_syn_val.jsonl",
  sha256: "4d596fca3dc2318e1469ed17517e72d2477f3b6d0943d658a9917d4a0ca11b5b",
};

/** xCodeEval's hidden unit tests, as ExecEval reads them: `{src_uid: [{input, output: [...]}]}`. */
export const XCODEEVAL_UNIT_TESTS_FILE: DataFile = {
  source: "xcodeeval",
  file: "unittest_db.json",
  url: "https://huggingface.co/datasets/NTU-NLP-sg/xCodeEval/resolve/main/unittest_db.json",
};

export const xCodeEvalRecordSchema = z.object({
  src_uid: z.string(),
  description: z.string(),
  input_spec: z.string(),
  output_spec: z.string(),
  notes: z.string().nullable(),
  input_from: z.string(),
  output_to: z.string(),
  sample_inputs: z.array(z.string()),
  sample_outputs: z.array(z.string()),
  time_limit: z.string(),
  memory_limit: z.string(),
  tags: z.array(z.string()),
  difficulty: z.number().int().nullable(),
});
type XCodeEvalRecord = z.infer<typeof xCodeEvalRecordSchema>;

const unitTestsSchema = z.record(z.string(), z.array(z.object({ input: z.string(), output: z.array(z.string()).min(1) })));

interface XCodeEvalTask {
  record: XCodeEvalRecord;
  hidden: StdioTest[];
  samples: StdioTest[];
  wallSeconds: number;
  memoryBytes: number;
}

/**
 * xCodeEval program synthesis (Khan et al., 2023): Codeforces problems to solve in any of its
 * languages, judged on ExecEval's hidden unit tests.
 */
export class XCodeEvalDataset implements Dataset {
  readonly name = "xcodeeval";
  readonly description = "xCodeEval program synthesis (validation problems of MapCoder/CodeSIM), judged on ExecEval unit tests";
  readonly files = [XCODEEVAL_PROBLEMS_FILE, XCODEEVAL_UNIT_TESTS_FILE];
  readonly defaultTimeoutSeconds = 2;

  /** @param language the language solutions are judged in unless a candidate names its own. */
  constructor(private readonly language: Language = "python") {}

  async load(options?: LoadOptions): Promise<Suite> {
    const [problemsText, unitTestsText] = await Promise.all([
      readDataText(XCODEEVAL_PROBLEMS_FILE, options),
      readDataText(XCODEEVAL_UNIT_TESTS_FILE, options),
    ]);
    const records = parseJsonl(problemsText, xCodeEvalRecordSchema, XCODEEVAL_PROBLEMS_FILE.file);
    const unitTests = parseUnitTests(unitTestsText);
    const tasks: Array<[string, XCodeEvalTask]> = [];
    // Problems without unit tests cannot be scored; ExecEval has none for them either.
    const problems = records.flatMap((record): Problem[] => {
      const tests = unitTests[record.src_uid];
      if (!tests) return [];
      const samples = record.sample_inputs.map((input, i) => ({ input, output: record.sample_outputs[i] ?? "" }));
      tasks.push([
        record.src_uid,
        {
          record,
          hidden: tests.map((test) => ({ input: test.input, output: test.output[0]!, alternatives: test.output.slice(1) })),
          samples,
          wallSeconds: parseQuantity(record.time_limit, /^([\d.]+) seconds?$/, 1, this.defaultTimeoutSeconds),
          memoryBytes: parseQuantity(record.memory_limit, /^([\d.]+) megabytes?$/, 1024 * 1024, 256 * 1024 * 1024),
        },
      ]);
      return [
        {
          taskId: record.src_uid,
          language: this.language,
          prompt: xCodeEvalPrompt(record),
          publicTests: samples.map((sample) => ({ kind: "io" as const, ...sample })),
          metadata: { tags: record.tags.join(","), ...(record.difficulty !== null ? { difficulty: record.difficulty } : {}) },
          reference: { dataset: "xCodeEval" as const, fields: referenceFields(record) },
        },
      ];
    });
    const taskOf = taskIndex(this.name, tasks);
    return {
      problems,
      normalizeTaskId: (raw) => String(raw).trim(),
      canonical: () => undefined,
      score: (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        return this.run(task, candidate, task.hidden, sandbox, scoreOptions);
      },
      runPublicTests: (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        return runIoTests(problem.publicTests, (index) => this.run(task, candidate, [task.samples[index]!], sandbox, scoreOptions));
      },
    };
  }

  private run(task: XCodeEvalTask, candidate: Candidate, tests: StdioTest[], sandbox: Sandbox, options: ScoreOptions = {}): Promise<Verdict> {
    return runStdioTests(sandbox, candidate.code, tests, {
      language: candidate.language ?? this.language,
      wallSeconds: options.timeoutSeconds ?? task.wallSeconds,
      memoryBytes: task.memoryBytes,
      accepts: execEvalAccepts,
    });
  }
}

/** What the strategy papers' xCodeEval class reads to pose a problem (all but the tags and uid). */
function referenceFields(record: XCodeEvalRecord): Record<string, unknown> {
  const { src_uid: _uid, tags: _tags, difficulty: _difficulty, ...fields } = record;
  return fields;
}

function parseUnitTests(text: string): z.infer<typeof unitTestsSchema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedRecordError(XCODEEVAL_UNIT_TESTS_FILE.file, 1, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = unitTestsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedRecordError(XCODEEVAL_UNIT_TESTS_FILE.file, 1, `at "${issue?.path.join(".")}": ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** "2 seconds" → 2, "256 megabytes" → bytes; the fallback when the statement says something else. */
function parseQuantity(text: string, pattern: RegExp, unit: number, fallback: number): number {
  const match = pattern.exec(text.trim());
  return match ? Number(match[1]) * unit : fallback;
}

/** The statement as Codeforces shows it: legend, input, output, examples and notes. */
export function xCodeEvalPrompt(record: XCodeEvalRecord): string {
  const examples = record.sample_inputs.map((input, i) => `Input\n${input}\nOutput\n${record.sample_outputs[i] ?? ""}`).join("\n\n");
  return [
    record.description,
    `Input\n${record.input_spec}`,
    `Output\n${record.output_spec}`,
    `Examples\n${examples}`,
    ...(record.notes ? [record.notes] : []),
    `Time limit: ${record.time_limit}. Memory limit: ${record.memory_limit}.`,
  ].join("\n\n");
}
