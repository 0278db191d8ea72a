import { z } from "zod";
import { FILE_SEPARATOR } from "./completion-prompts";
import type { DataFile } from "./data-file";
import { readJsonlRecords } from "./jsonl";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, Language, LoadOptions, Problem, Suite } from "./types";
import { verdictFrom } from "./verdict";

export type MultiplEBenchmark = "humaneval" | "mbpp";

/** MultiPL-E's language codes and the executor languages that run them. */
export const MULTIPLE_LANGUAGES: Readonly<Record<string, Language>> = {
  py: "python",
  js: "javascript",
  ts: "typescript",
  cpp: "cpp",
  java: "java",
  rs: "rust",
  cs: "csharp",
  php: "php",
  rb: "ruby",
  sh: "bash",
};

/** One translated benchmark, as JSON Lines exported from the `nuprl/MultiPL-E` configs (no checksums published). */
export function multiplEFile(benchmark: MultiplEBenchmark, language: string): DataFile {
  const config = `${benchmark}-${language}`;
  return { source: "multipl-e", file: `${config}.jsonl`, url: `https://huggingface.co/datasets/nuprl/MultiPL-E/resolve/main/${config}.jsonl` };
}

export const multiplERecordSchema = z.object({
  name: z.string(),
  language: z.string(),
  prompt: z.string(),
  doctests: z.string(),
  original: z.string(),
  prompt_terminology: z.string(),
  tests: z.string(),
  stop_tokens: z.array(z.string()),
});

/** MultiPL-E's per-program timeout. */
const MULTIPLE_TIMEOUT_SECONDS = 15;

/**
 * MultiPL-E (Cassano et al., 2023): HumanEval and MBPP translated into other languages; a
 * completion passes when prompt + completion + tests runs and exits with status 0.
 */
export class MultiplEDataset implements Dataset {
  readonly name: string;
  readonly description: string;
  readonly files: readonly DataFile[];
  readonly defaultTimeoutSeconds = MULTIPLE_TIMEOUT_SECONDS;
  private readonly executorLanguage: Language;

  constructor(
    benchmark: MultiplEBenchmark,
    language: string,
  ) {
    const executorLanguage = MULTIPLE_LANGUAGES[language];
    if (!executorLanguage) {
      throw new RangeError(`MultiPL-E language "${language}" has no executor language here; known: ${Object.keys(MULTIPLE_LANGUAGES).join(", ")}`);
    }
    this.executorLanguage = executorLanguage;
    this.name = `multipl-e-${benchmark}-${language}`;
    this.description = `MultiPL-E ${benchmark === "humaneval" ? "HumanEval" : "MBPP"} translated to ${executorLanguage}, scored by exit status`;
    this.files = [multiplEFile(benchmark, language)];
  }

  async load(options?: LoadOptions): Promise<Suite> {
    const file = this.files[0]!;
    const records = await readJsonlRecords(file, multiplERecordSchema, options);
    const recordOf = taskIndex(this.name, records.map((record) => [record.name, record] as const));
    /** MultiPL-E's program: prompt + completion + "\n" + tests (a `solution` replaces prompt + completion). */
    const program = (problem: Problem, candidate: Candidate) => {
      const record = recordOf(problem);
      const code = candidate.kind === "completion" ? record.prompt + candidate.code : candidate.code;
      return `${code}\n${record.tests}`;
    };
    return {
      problems: records.map((record) => ({
        taskId: record.name,
        language: this.executorLanguage,
        prompt: record.prompt,
        publicTests: [],
        completionPrompt: { text: record.prompt, stop: [...record.stop_tokens, FILE_SEPARATOR], candidateKind: "completion" },
        metadata: { original: record.original },
      })),
      normalizeTaskId: (raw) => String(raw).trim(),
      canonical: () => undefined,
      score: async (problem, candidate, sandbox, scoreOptions = {}) => {
        const result = await sandbox.execute({
          language: this.executorLanguage,
          source: program(problem, candidate),
          ...(this.executorLanguage === "python" ? { mode: "script" as const } : {}),
          limits: { wallSeconds: scoreOptions.timeoutSeconds ?? this.defaultTimeoutSeconds },
        });
        return verdictFrom(result);
      },
      /** The translated prompts keep their examples in comments only; there are no public tests to run. */
      runPublicTests: async () => ({ passed: true, results: [], log: "This dataset has no public tests." }),
    };
  }
}
