import { z } from "zod";
import { MBPP_FEW_SHOT_TASK_IDS, mbppFewShotPrompt, type MbppShot } from "./completion-prompts";
import { readDataText, type DataFile } from "./data-file";
import { DatasetFileError, MalformedRecordError } from "./errors";
import { readJsonlRecords } from "./jsonl";
import { testsProgramSuite, type TestsProgramSuite } from "./tests-program-suite";
import type { Dataset, LoadOptions } from "./types";

export const MBPP_FILE: DataFile = {
  source: "mbpp",
  file: "mbpp.jsonl",
  url: "https://raw.githubusercontent.com/google-research/google-research/master/mbpp/mbpp.jsonl",
  sha256: "ccf64ceae9c5403bf50a044cb6d505bfd2a2963ee58338ba268fd65beab92a9f",
};

/** The sanitized subset has no checksum pinned here; its shape and size are checked instead. */
export const MBPP_SANITIZED_FILE = {
  source: "mbpp",
  file: "sanitized-mbpp.json",
  url: "https://raw.githubusercontent.com/google-research/google-research/master/mbpp/sanitized-mbpp.json",
  records: 427,
} as const;

export const mbppRecordSchema = z.object({
  task_id: z.number().int(),
  text: z.string(),
  code: z.string(),
  test_setup_code: z.string(),
  test_list: z.array(z.string()).min(1),
  challenge_test_list: z.array(z.string()),
});

export const mbppSanitizedRecordSchema = z.object({
  task_id: z.number().int(),
  prompt: z.string(),
  code: z.string(),
  test_imports: z.array(z.string()),
  test_list: z.array(z.string()).min(1),
  source_file: z.string().optional(),
});

/** The splits of Austin et al. (2021), by task id. */
export const MBPP_SPLITS = {
  prompt: [1, 10],
  test: [11, 510],
  validation: [511, 600],
  train: [601, 974],
} as const;
export type MbppSplit = keyof typeof MBPP_SPLITS | "all";

interface MbppTask {
  taskId: string;
  description: string;
  code: string;
  setup: string;
  tests: string[];
}

export interface MbppOptions {
  split?: MbppSplit;
  sanitized?: boolean;
}

/** Accepts the ids other tools write for MBPP tasks: 11, "11", "mbpp/11", "Mbpp/11". */
export function mbppTaskId(raw: string | number): string {
  const text = String(raw).trim();
  const match = /^(?:mbpp\/)?(\d+)$/i.exec(text);
  return match ? `mbpp/${match[1]}` : text;
}

/**
 * MBPP (Austin et al., 2021): crowd-sourced entry-level Python problems with three assert tests each.
 * The prompt follows the paper: the task text followed by the tests the code must pass.
 */
export class MbppDataset implements Dataset {
  readonly name: string;
  readonly description: string;
  readonly defaultTimeoutSeconds = 3;
  readonly files: readonly DataFile[];

  constructor(private readonly options: MbppOptions = {}) {
    const split = options.split ?? "test";
    this.name = options.sanitized ? "mbpp-sanitized" : split === "test" ? "mbpp" : `mbpp-${split}`;
    this.description = options.sanitized
      ? "MBPP sanitized: 427 hand-verified problems of MBPP"
      : `MBPP (${split === "all" ? "all 974 problems" : `${split} split`}), scored by its assert tests`;
    this.files = [options.sanitized ? MBPP_SANITIZED_FILE : MBPP_FILE];
  }

  async load(loadOptions?: LoadOptions): Promise<TestsProgramSuite> {
    const tasks = this.options.sanitized ? await this.loadSanitized(loadOptions) : await this.loadFull(loadOptions);
    const split = this.options.split ?? (this.options.sanitized ? "all" : "test");
    const selected = split === "all" ? tasks : tasks.filter((task) => inSplit(task.taskId, split));
    const shots = this.options.sanitized ? undefined : fewShotExamples(tasks);
    return testsProgramSuite(this, selected, {
      problem: (task) => {
        const prompt = mbppPrompt(task.description, task.tests);
        return {
          taskId: task.taskId,
          language: "python",
          prompt,
          entryPoint: entryPointOf(task.tests[0]!),
          publicTests: [{ kind: "assert", code: task.tests[0]! }],
          ...(shots ? { completionPrompt: mbppFewShotPrompt(shots, prompt) } : {}),
          metadata: {},
        };
      },
      canonical: (task) => ({ kind: "solution", code: task.code }),
      /** The candidate, then the task's setup code, then its asserts. */
      program: (task, candidate) => ({ source: candidate.code, tests: [task.setup, ...task.tests].join("\n") }),
      publicTestCode: (task, candidate) => [candidate.code, task.setup].join("\n"),
      normalizeTaskId: mbppTaskId,
    });
  }

  private async loadFull(loadOptions?: LoadOptions): Promise<MbppTask[]> {
    return (await readJsonlRecords(MBPP_FILE, mbppRecordSchema, loadOptions)).map((record) => ({
      taskId: mbppTaskId(record.task_id),
      description: record.text,
      code: record.code,
      setup: record.test_setup_code,
      tests: record.test_list,
    }));
  }

  private async loadSanitized(loadOptions?: LoadOptions): Promise<MbppTask[]> {
    const text = await readDataText(MBPP_SANITIZED_FILE, loadOptions);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new MalformedRecordError(MBPP_SANITIZED_FILE.file, 1, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = z.array(mbppSanitizedRecordSchema).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MalformedRecordError(MBPP_SANITIZED_FILE.file, 1, `record ${issue?.path.join(".")}: ${issue?.message}`);
    }
    if (parsed.data.length !== MBPP_SANITIZED_FILE.records) {
      throw new DatasetFileError(
        `${MBPP_SANITIZED_FILE.file} has ${parsed.data.length} records, expected ${MBPP_SANITIZED_FILE.records}; ` +
          `replace it with the file from ${MBPP_SANITIZED_FILE.url}`,
      );
    }
    return parsed.data.map((record) => ({
      taskId: mbppTaskId(record.task_id),
      description: record.prompt,
      code: record.code,
      setup: record.test_imports.join("\n"),
      tests: record.test_list,
    }));
  }
}

/** The prompt of Austin et al. (2021), without few-shot examples. */
export function mbppPrompt(description: string, tests: string[]): string {
  return `You are an expert Python programmer, and here is your task: ${description} Your code should pass these tests:\n\n${tests.join("\n")}\n`;
}

function inSplit(taskId: string, split: keyof typeof MBPP_SPLITS): boolean {
  const id = Number(taskId.slice("mbpp/".length));
  const [low, high] = MBPP_SPLITS[split];
  return id >= low && id <= high;
}

/** MBPP has no entry-point field; the first test's call names the function. */
function entryPointOf(test: string): string | undefined {
  return /assert\s+(?:not\s+)?\(?\s*(?:set\(|math\.isclose\(|abs\()?\s*([A-Za-z_]\w*)\s*\(/.exec(test)?.[1];
}

/** The examples of the three-shot prompt, built from the dataset's own records (tasks 2, 3 and 4). */
function fewShotExamples(tasks: readonly MbppTask[]): MbppShot[] {
  return MBPP_FEW_SHOT_TASK_IDS.map((id) => {
    const task = tasks.find((candidate) => candidate.taskId === mbppTaskId(id));
    if (!task) throw new DatasetFileError(`${MBPP_FILE.file} lacks task ${id}, an example of the few-shot prompt; replace it with the file from ${MBPP_FILE.url}`);
    return { prompt: mbppPrompt(task.description, task.tests), code: task.code };
  });
}
