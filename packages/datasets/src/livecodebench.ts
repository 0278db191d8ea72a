import { inflateSync } from "node:zlib";
import { z } from "zod";
import { runPythonCallTests, WRONG_ANSWER_EXCEPTION } from "./call-tests";
import { contestInstant, inContestWindow } from "./contest-window";
import { parseDatasetOptions, type DatasetOptions } from "./dataset-options";
import type { DataFile } from "./data-file";
import { MalformedRecordError } from "./errors";
import { readJsonlRecords } from "./jsonl";
import { lcbOutputMatches } from "./lcb-output";
import { unpickleString } from "./pickled-string";
import { runIoTests } from "./public-tests";
import { runStdioTests } from "./stdio-tests";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, LoadOptions, Problem, Sandbox, ScoreOptions, Suite, Verdict } from "./types";

/** LiveCodeBench releases; each adds one file to the previous release's files. */
export const LCB_RELEASES = ["v1", "v2", "v3", "v4", "v5", "v6"] as const;
export type LcbRelease = (typeof LCB_RELEASES)[number];

/** The code-generation files of a release, as published on the Hugging Face hub (no checksums published). */
export function lcbFiles(release: LcbRelease): DataFile[] {
  const count = LCB_RELEASES.indexOf(release) + 1;
  return Array.from({ length: count }, (_, i) => {
    const file = i === 0 ? "test.jsonl" : `test${i + 1}.jsonl`;
    return { source: "livecodebench", file, url: `https://huggingface.co/datasets/livecodebench/code_generation_lite/resolve/main/${file}` };
  });
}

const testCaseSchema = z.object({ input: z.string(), output: z.string(), testtype: z.enum(["stdin", "functional"]) });
type LcbTest = z.infer<typeof testCaseSchema>;

export const lcbRecordSchema = z.object({
  question_title: z.string(),
  question_content: z.string(),
  platform: z.string(),
  question_id: z.string(),
  contest_id: z.string(),
  contest_date: z.string(),
  starter_code: z.string(),
  difficulty: z.string(),
  public_test_cases: z.string(),
  private_test_cases: z.string(),
  metadata: z.string(),
});

export interface LiveCodeBenchOptions extends DatasetOptions {
  release?: LcbRelease;
}

interface LcbTask {
  starterCode: string;
  funcName?: string;
  publicTests: LcbTest[];
  privateTests: LcbTest[];
}

const LCB_MODULES = "string re datetime collections heapq bisect copy math random statistics itertools functools operator io sys json".split(" ");

/**
 * lcb_runner runs every program after star-importing these modules (and typing, so that starter
 * code's `List[int]` resolves), importing them by name and raising the recursion limit.
 */
const LCB_IMPORTS = [
  ...[...LCB_MODULES, "builtins", "typing"].map((module) => `from ${module} import *`),
  `import ${LCB_MODULES.join(", ")}`,
  "sys.setrecursionlimit(50000)",
  "",
].join("\n");

/** lcb_runner's default per-test timeout. */
const LCB_TIMEOUT_SECONDS = 6;

/**
 * LiveCodeBench code generation (Jain et al., 2024): contest problems from LeetCode, AtCoder and
 * Codeforces, dated so that a model can be evaluated on problems published after its cutoff.
 */
export class LiveCodeBenchDataset implements Dataset {
  readonly name: string;
  readonly description: string;
  readonly files: readonly DataFile[];
  readonly defaultTimeoutSeconds = LCB_TIMEOUT_SECONDS;
  /** The contest-date window: problems dated on or after `since` and before `until`. */
  private readonly window: DatasetOptions;

  constructor(options: LiveCodeBenchOptions = {}) {
    const { release = "v6", ...window } = options;
    this.window = parseDatasetOptions(window);
    this.name = `livecodebench-${release}`;
    const { since, until } = this.window;
    this.description = `LiveCodeBench code generation, release_${release}${since || until ? ` (contests ${since ?? "…"} to ${until ?? "…"})` : ""}`;
    this.files = lcbFiles(release);
  }

  async load(loadOptions?: LoadOptions): Promise<Suite> {
    const problems: Problem[] = [];
    const tasks: Array<[string, LcbTask]> = [];
    for (const file of this.files) {
      const records = await readJsonlRecords(file, lcbRecordSchema, loadOptions);
      for (const [i, record] of records.entries()) {
        const line = i + 1;
        if (!this.inWindow(record.contest_date, file.file, line)) continue;
        const metadata = parseJson(record.metadata, file.file, line, "metadata") as { func_name?: string };
        const task: LcbTask = {
          starterCode: record.starter_code,
          ...(metadata.func_name ? { funcName: metadata.func_name } : {}),
          publicTests: parseTests(record.public_test_cases, file.file, line, "public_test_cases"),
          privateTests: parseTests(decodePrivateTests(record.private_test_cases, file.file, line), file.file, line, "private_test_cases"),
        };
        tasks.push([record.question_id, task]);
        problems.push({
          taskId: record.question_id,
          language: "python",
          prompt: lcbPrompt(record.question_content, record.starter_code),
          ...(task.funcName ? { entryPoint: task.funcName } : {}),
          publicTests: task.publicTests.map((t) => ({ kind: "io", input: t.input, output: t.output })),
          metadata: { platform: record.platform, difficulty: record.difficulty, contest_date: record.contest_date, contest_id: record.contest_id, title: record.question_title },
        });
      }
    }
    const taskOf = taskIndex(this.name, tasks);
    return {
      problems,
      normalizeTaskId: (raw) => String(raw).trim(),
      canonical: () => undefined,
      score: (problem, candidate, sandbox, options) => {
        const task = taskOf(problem);
        // lcb_runner grades on the public tests followed by the private ones.
        return this.run(task, candidate, [...task.publicTests, ...task.privateTests], sandbox, options);
      },
      runPublicTests: (problem, candidate, sandbox, options) => {
        const task = taskOf(problem);
        return runIoTests(problem.publicTests, (index) => this.run(task, candidate, [task.publicTests[index]!], sandbox, options));
      },
    };
  }

  private run(task: LcbTask, candidate: Candidate, tests: LcbTest[], sandbox: Sandbox, options: ScoreOptions = {}): Promise<Verdict> {
    const program = LCB_IMPORTS + (candidate.kind === "completion" ? task.starterCode + candidate.code : candidate.code);
    const wallSeconds = options.timeoutSeconds ?? this.defaultTimeoutSeconds;
    if (task.funcName) {
      return runPythonCallTests(sandbox, program, tests.map((t) => functionalTestProgram(task.funcName!, t)), wallSeconds);
    }
    return runStdioTests(sandbox, program, tests, { language: "python", wallSeconds, accepts: lcbOutputMatches });
  }

  private inWindow(contestDate: string, file: string, line: number): boolean {
    if (this.window.since === undefined && this.window.until === undefined) return true;
    const instant = contestInstant(contestDate);
    if (instant === undefined) throw new MalformedRecordError(file, line, `contest_date "${contestDate}" is not a date, so it cannot be placed in the window`);
    return inContestWindow(instant, this.window);
  }
}

function parseJson(text: string, file: string, line: number, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedRecordError(file, line, `${field} is not valid JSON (${(error as Error).message})`);
  }
}

function parseTests(text: string, file: string, line: number, field: string): LcbTest[] {
  const parsed = z.array(testCaseSchema).safeParse(parseJson(text, file, line, field));
  if (!parsed.success) throw new MalformedRecordError(file, line, `${field}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** Early releases store private tests as JSON; later ones as base64 of zlib of a pickled JSON string. */
export function decodePrivateTests(text: string, file: string, line: number): string {
  if (text.trimStart().startsWith("[")) return text;
  try {
    return unpickleString(inflateSync(Buffer.from(text, "base64")));
  } catch (error) {
    throw new MalformedRecordError(file, line, `private_test_cases is neither JSON nor base64/zlib/pickle (${(error as Error).message})`);
  }
}

/**
 * Python for one functional test, as lcb_runner runs it: each input line is a JSON argument to
 * Solution().<func_name>, a tuple result becomes a list, and it must equal the JSON expected value.
 */
function functionalTestProgram(funcName: string, test: LcbTest): string {
  return [
    `class ${WRONG_ANSWER_EXCEPTION}(Exception):`,
    "    pass",
    "def __cg_lcb_call():",
    "    import json",
    `    args = [json.loads(line) for line in ${JSON.stringify(test.input)}.split("\\n")]`,
    `    expected = json.loads(${JSON.stringify(test.output)})`,
    `    output = getattr(Solution(), ${JSON.stringify(funcName)})(*args)`,
    "    if isinstance(output, tuple):",
    "        output = list(output)",
    "    if output != expected:",
    `        raise ${WRONG_ANSWER_EXCEPTION}(f'expected {expected!r}, got {output!r}')`,
    "__cg_lcb_call()",
  ].join("\n");
}

/** LiveCodeBench's code-generation prompt (lcb_runner/prompts/code_generation.py, generic format). */
export function lcbPrompt(question: string, starterCode: string): string {
  const format = starterCode
    ? `### Format: You will use the following starter code to write the solution to the problem and enclose your code within delimiters.\n\`\`\`python\n${starterCode}\n\`\`\`\n\n`
    : "### Format: Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows. Ensure that when the python program runs, it reads the inputs, runs the algorithm and writes output to STDOUT.\n```python\n# YOUR CODE HERE\n```\n\n";
  return `### Question:\n${question}\n\n${format}### Answer: (use the provided format with backticks)\n\n`;
}
