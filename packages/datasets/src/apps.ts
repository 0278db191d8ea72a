import { z } from "zod";
import { runAppsCallTests, type AppsCallTest } from "./apps-call";
import { appsOutputMatches } from "./apps-output";
import type { DataFile } from "./data-file";
import { MalformedRecordError } from "./errors";
import { readJsonlRecords } from "./jsonl";
import { runIoTests } from "./public-tests";
import { runStdioTests, type StdioTest } from "./stdio-tests";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, LoadOptions, PublicTest, ReferenceProblem, Sandbox, ScoreOptions, Suite, Verdict } from "./types";

/** The full APPS test split as published on the Hugging Face hub (no checksum is published). */
export const APPS_TEST_FILE: DataFile = {
  source: "apps",
  file: "test.jsonl",
  url: "https://huggingface.co/datasets/codeparrot/apps/resolve/main/test.jsonl",
};

/** The 150-problem APPS subset of the MapCoder/CodeSIM release. */
export const APPS_SELECTED150_FILE: DataFile = {
  source: "codesim-data",
  file: "APPS/selected150.jsonl",
  url: "https://raw.githubusercontent.com/kagnlp/CodeGenerator/main/data/APPS/selected150.jsonl",
  sha256: "5d76c903bf3a997ca0cc59b7f7cf9765434a87e8d742868db5a4b3f7fef7a1cb",
};

const selectedTestSchema = z.object({ input: z.string(), output: z.array(z.unknown()) });
export const appsSelectedRecordSchema = z.object({
  name: z.string(),
  description: z.string(),
  difficulty: z.string(),
  id: z.number().int(),
  sample_io: z.array(selectedTestSchema),
  test_list: z.array(selectedTestSchema).min(1),
  starter_code: z.string(),
});

export const appsRecordSchema = z.object({
  problem_id: z.number().int(),
  question: z.string(),
  solutions: z.string(),
  input_output: z.string(),
  difficulty: z.string(),
  starter_code: z.string(),
});

const inputOutputSchema = z.object({
  inputs: z.array(z.unknown()),
  outputs: z.array(z.unknown()),
  fn_name: z.string().optional(),
});

type AppsTests = { kind: "stdin"; tests: StdioTest[] } | { kind: "call"; fnName: string; tests: AppsCallTest[] };

interface AppsTask {
  taskId: string;
  question: string;
  starterCode: string;
  difficulty: string;
  hidden: AppsTests;
  examples: AppsTests;
  solutions: string[];
  /** The 150-problem subset is the strategy papers' own file. */
  reference?: ReferenceProblem;
}

/** Per-test limit of APPS's testing_util (signal.alarm(4)). */
const APPS_TIMEOUT_SECONDS = 4;

/**
 * APPS (Hendrycks et al., 2021): Python problems from Codeforces, AtCoder, Kattis and Codewars,
 * either reading standard input or completing a function (call-based, with starter code).
 * - `apps`: the published test split (5,000 problems), scored by `input_output`.
 * - `apps-150`: the 150-problem subset of MapCoder/CodeSIM, with sample and hidden tests.
 */
export class AppsDataset implements Dataset {
  readonly name: string;
  readonly description: string;
  readonly files: readonly DataFile[];
  readonly defaultTimeoutSeconds = APPS_TIMEOUT_SECONDS;

  constructor(private readonly variant: "test" | "selected150") {
    this.name = variant === "test" ? "apps" : "apps-150";
    this.description =
      variant === "test"
        ? "APPS test split: 5,000 Python problems (stdin and call-based), scored as APPS's testing_util"
        : "APPS 150-problem subset of MapCoder/CodeSIM, scored as APPS's testing_util";
    this.files = [variant === "test" ? APPS_TEST_FILE : APPS_SELECTED150_FILE];
  }

  async load(options?: LoadOptions): Promise<Suite> {
    const tasks = this.variant === "test" ? await this.loadTestSplit(options) : await this.loadSelected(options);
    const taskOf = taskIndex(this.name, tasks.map((task) => [task.taskId, task] as const));
    const wallSeconds = (scoreOptions: ScoreOptions = {}) => scoreOptions.timeoutSeconds ?? this.defaultTimeoutSeconds;
    return {
      problems: tasks.map((task) => ({
        taskId: task.taskId,
        language: "python",
        prompt: appsPrompt(task.question, task.starterCode, task.hidden.kind === "call"),
        ...(task.hidden.kind === "call" ? { entryPoint: task.hidden.fnName } : {}),
        publicTests: publicTestsOf(task.examples),
        metadata: { difficulty: task.difficulty, format: task.hidden.kind === "call" ? "call-based" : "standard input" },
        ...(task.reference ? { reference: task.reference } : {}),
      })),
      normalizeTaskId: (raw) => {
        const text = String(raw).trim();
        return /^\d+$/.test(text) ? `APPS/${Number(text)}` : text;
      },
      canonical: (problem) => {
        const solution = taskOf(problem).solutions[0];
        return solution === undefined ? undefined : { kind: "solution", code: solution };
      },
      score: (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        return runAppsTests(sandbox, programOf(task, candidate), task.hidden, wallSeconds(scoreOptions));
      },
      runPublicTests: (problem, candidate, sandbox, scoreOptions) => {
        const task = taskOf(problem);
        const program = programOf(task, candidate);
        return runIoTests(problem.publicTests, (index) => runAppsTests(sandbox, program, onlyTest(task.examples, index), wallSeconds(scoreOptions)));
      },
    };
  }

  private async loadSelected(options?: LoadOptions): Promise<AppsTask[]> {
    return (await readJsonlRecords(APPS_SELECTED150_FILE, appsSelectedRecordSchema, options)).map((record, i) => {
      // This release keeps no fn_name: a call-based problem is one with starter code, whose
      // def names the function, and each input line is one argument as a Python literal.
      const fnName = record.starter_code.trim() ? functionNameOf(record.starter_code, i + 1) : undefined;
      const tests = (list: z.infer<typeof selectedTestSchema>[]): AppsTests =>
        fnName
          ? { kind: "call", fnName, tests: list.map((t) => ({ arguments: { lines: t.input.split("\n") }, expectedJson: JSON.stringify(t.output) })) }
          : { kind: "stdin", tests: list.map((t) => ({ input: t.input, output: t.output.map(String).join("\n") })) };
      return {
        taskId: `APPS/${record.id}`,
        question: record.description,
        starterCode: record.starter_code,
        difficulty: record.difficulty,
        hidden: tests(record.test_list),
        examples: tests(record.sample_io),
        solutions: [],
        reference: { dataset: "APPS", fields: { description: record.description, sample_io: record.sample_io } },
      };
    });
  }

  private async loadTestSplit(options?: LoadOptions): Promise<AppsTask[]> {
    const records = await readJsonlRecords(APPS_TEST_FILE, appsRecordSchema, options);
    // A handful of published problems have no tests at all; APPS cannot score them either.
    return records.flatMap((record, i) => {
      if (!record.input_output.trim()) return [];
      const io = parseEmbeddedJson(record.input_output, inputOutputSchema, i + 1, "input_output");
      const solutions = record.solutions.trim() ? parseEmbeddedJson(record.solutions, z.array(z.string()), i + 1, "solutions") : [];
      const hidden = testsFromInputOutput(io);
      return [
        {
          taskId: `APPS/${record.problem_id}`,
          question: record.question,
          starterCode: record.starter_code,
          difficulty: record.difficulty,
          hidden,
          // The published split has no separate examples; the statements carry them.
          examples: { ...hidden, tests: [] } as AppsTests,
          solutions,
        },
      ];
    });
  }
}

function parseEmbeddedJson<T>(text: string, schema: z.ZodType<T>, line: number, field: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedRecordError(APPS_TEST_FILE.file, line, `${field} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedRecordError(APPS_TEST_FILE.file, line, `${field}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

function testsFromInputOutput(io: z.infer<typeof inputOutputSchema>): AppsTests {
  if (io.fn_name) {
    return {
      kind: "call",
      fnName: io.fn_name,
      tests: io.inputs.map((input, i) => ({ arguments: { json: JSON.stringify(input) }, expectedJson: JSON.stringify(io.outputs[i]) })),
    };
  }
  // testing_util joins list-valued inputs and outputs with newlines.
  const text = (value: unknown): string => (Array.isArray(value) ? value.map(String).join("\n") : String(value));
  return { kind: "stdin", tests: io.inputs.map((input, i) => ({ input: text(input), output: text(io.outputs[i]) })) };
}

function onlyTest(tests: AppsTests, index: number): AppsTests {
  return tests.kind === "call" ? { ...tests, tests: [tests.tests[index]!] } : { ...tests, tests: [tests.tests[index]!] };
}

function publicTestsOf(examples: AppsTests): PublicTest[] {
  return examples.kind === "stdin"
    ? examples.tests.map((t) => ({ kind: "io", input: t.input, output: t.output }))
    : examples.tests.map((t) => ({
        kind: "io",
        input: "json" in t.arguments ? t.arguments.json : t.arguments.lines.join("\n"),
        output: t.expectedJson,
      }));
}

function runAppsTests(sandbox: Sandbox, program: string, tests: AppsTests, wallSeconds: number): Promise<Verdict> {
  return tests.kind === "call"
    ? runAppsCallTests(sandbox, program, tests.fnName, tests.tests, wallSeconds)
    : runStdioTests(sandbox, program, tests.tests, { language: "python", wallSeconds, accepts: appsOutputMatches });
}

/** A completion continues the starter code; a solution stands alone. */
function programOf(task: AppsTask, candidate: Candidate): string {
  return candidate.kind === "completion" ? task.starterCode + candidate.code : candidate.code;
}

function functionNameOf(starterCode: string, line: number): string {
  const match = /def\s+([A-Za-z_]\w*)\s*\(/.exec(starterCode);
  if (!match) throw new MalformedRecordError(APPS_SELECTED150_FILE.file, line, `starter code names no function: ${starterCode}`);
  return match[1]!;
}

/** The prompt of APPS's generation script: question, starter code and the answer format. */
export function appsPrompt(question: string, starterCode: string, callBased: boolean): string {
  return `\nQUESTION:\n${question}\n${starterCode}\n${callBased ? "\nUse Call-Based format\n" : "\nUse Standard Input format\n"}\nANSWER:\n`;
}
