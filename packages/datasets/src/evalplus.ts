import { humanEvalCompletionPrompt } from "./completion-prompts";
import { cacheDirOf, readDataText, type DataFile } from "./data-file";
import { ExpectedOutputStore } from "./evalplus-expected";
import {
  EVALPLUS_MEMORY_BYTES,
  EVALPLUS_MIN_TIME_LIMIT_SECONDS,
  checkProgram,
  partVerdict,
  partWallSeconds,
  testTimeLimits,
  type EvalPlusFlavor,
  type EvalPlusPart,
  type EvalPlusTask,
  type TaskExpectations,
} from "./evalplus-harness";
import { parseEvalPlusTasks } from "./evalplus-records";
import { HUMANEVAL_PUBLIC_TESTS_FILE, loadHumanEvalExamples } from "./humaneval";
import { mbppPlusInputConversion } from "./mbpp-plus-inputs";
import { runAssertTests } from "./public-tests";
import { taskIndex } from "./task-index";
import type { Candidate, Dataset, LoadOptions, Problem, PublicTest, Sandbox, ScoreOptions, Suite, Verdict } from "./types";

export const HUMANEVAL_PLUS_FILE: DataFile = {
  source: "humanevalplus",
  file: "HumanEvalPlus-v0.1.10.jsonl.gz",
  url: "https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz",
  sha256: "272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101",
};

export const MBPP_PLUS_FILE: DataFile = {
  source: "mbppplus",
  file: "MbppPlus-v0.2.0.jsonl.gz",
  url: "https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz",
  sha256: "af43697e8791c4c149bdfd6b489d8b5412507551ac20e28a439f650b8225db63",
};

/** An EvalPlus suite, which also runs one part alone and shows the reference solution's outputs. */
export interface EvalPlusSuite extends Suite {
  /** The reference solution's outputs and timings, computed in the sandbox on first use and cached. */
  expectations(problem: Problem, sandbox: Sandbox): Promise<TaskExpectations>;
  /** Where computed expected outputs are cached. */
  readonly expectedOutputsDirectory: string;
  /** Runs one part's tests alone. */
  runPart(problem: Problem, candidate: Candidate, part: EvalPlusPart, sandbox: Sandbox, options?: ScoreOptions): Promise<Verdict>;
}

/**
 * An EvalPlus benchmark (Liu et al., 2023): each task's original tests (`base`) and the inputs
 * EvalPlus added (`plus`), scored by comparing the candidate's answers with the reference
 * solution's, the way `evalplus.evaluate` does.
 *
 * `ScoreOptions.timeoutSeconds` is EvalPlus's `--min-time-limit`: the least time any test gets.
 */
abstract class EvalPlusDataset implements Dataset {
  abstract readonly description: string;
  abstract readonly files: readonly DataFile[];
  readonly defaultTimeoutSeconds = EVALPLUS_MIN_TIME_LIMIT_SECONDS;

  constructor(
    readonly name: string,
    private readonly file: DataFile,
    private readonly flavor: EvalPlusFlavor,
    private readonly inputConversion: (taskId: string) => string,
  ) {}

  /** The tests a strategy may see, by task id. */
  protected abstract loadPublicTests(tasks: readonly EvalPlusTask[], options?: LoadOptions): Promise<Map<string, PublicTest[]>>;
  /** Imports the public tests need that the candidate must not be given. */
  protected abstract readonly publicTestSetup: string | undefined;

  /** The task id for an id other tools write. */
  protected normalizeTaskId(raw: string | number): string {
    return String(raw);
  }

  async load(options?: LoadOptions): Promise<EvalPlusSuite> {
    const text = await readDataText(this.file, options);
    const tasks = parseEvalPlusTasks(text, this.file.file, this.inputConversion);
    const publicTests = await this.loadPublicTests(tasks, options);
    const taskOf = taskIndex(this.name, tasks.map((task) => [task.taskId, task] as const));
    const expectedOutputs = new ExpectedOutputStore(this.name, this.file, this.flavor, cacheDirOf(options));
    const minimumSeconds = (scoreOptions: ScoreOptions = {}) => scoreOptions.timeoutSeconds ?? this.defaultTimeoutSeconds;
    const expectations = (problem: Problem, sandbox: Sandbox) => expectedOutputs.get(taskOf(problem), sandbox);

    const runPart = async (problem: Problem, candidate: Candidate, part: EvalPlusPart, sandbox: Sandbox, scoreOptions?: ScoreOptions): Promise<Verdict> => {
      const task = taskOf(problem);
      const expected = (await expectations(problem, sandbox))[part];
      const limits = testTimeLimits(expected.seconds, minimumSeconds(scoreOptions));
      return partVerdict(
        await sandbox.execute({
          language: "python",
          ...checkProgram(codeOf(task, candidate), task, this.flavor, part, expected, limits),
          limits: { wallSeconds: partWallSeconds(limits), memoryBytes: EVALPLUS_MEMORY_BYTES },
        }),
      );
    };

    return {
      problems: tasks.map((task) => ({
        taskId: task.taskId,
        language: "python",
        prompt: task.prompt,
        entryPoint: task.entryPoint,
        publicTests: publicTests.get(task.taskId) ?? [],
        // HumanEval+'s prompts are HumanEval's, continued the same way.
        ...(this.flavor === "humaneval" ? { completionPrompt: humanEvalCompletionPrompt(task.prompt) } : {}),
        metadata: { atol: task.atol },
      })),
      normalizeTaskId: (raw) => this.normalizeTaskId(raw),
      canonical: (problem) => ({ kind: "completion", code: taskOf(problem).canonicalSolution }),
      expectations,
      expectedOutputsDirectory: expectedOutputs.directory(),
      runPart,
      /**
       * Passed when the candidate passes the base tests and the plus tests, EvalPlus's headline
       * score; `parts` also gives base alone. Plus tests are skipped once base fails, since the
       * result cannot pass then.
       */
      score: async (problem, candidate, sandbox, scoreOptions) => {
        const base = await runPart(problem, candidate, "base", sandbox, scoreOptions);
        if (!base.passed) return { ...base, parts: { base: false, plus: false } };
        const plus = await runPart(problem, candidate, "plus", sandbox, scoreOptions);
        return {
          ...plus,
          wallMs: base.wallMs + plus.wallMs,
          cpuMs: base.cpuMs + plus.cpuMs,
          parts: { base: true, plus: plus.passed },
        };
      },
      /**
       * Each public test is one call, which EvalPlus would give at least the minimum time limit;
       * the 2 s on top are for starting the program, as in the parts' limits.
       */
      runPublicTests: (problem, candidate, sandbox, scoreOptions) => {
        const setup = this.publicTestSetup === undefined ? {} : { testSetup: this.publicTestSetup };
        return runAssertTests(codeOf(taskOf(problem), candidate), problem.publicTests, sandbox, minimumSeconds(scoreOptions) + 2, setup);
      },
    };
  }
}

/** EvalPlus's rule: a `solution` is the whole program; a `completion` continues the prompt. */
function codeOf(task: EvalPlusTask, candidate: Candidate): string {
  return candidate.kind === "solution" ? candidate.code : task.prompt + candidate.code;
}

/** HumanEval+ v0.1.10: HumanEval's 164 problems with 80 times more tests. */
export class HumanEvalPlusDataset extends EvalPlusDataset {
  readonly description = "HumanEval+ (EvalPlus v0.1.10): HumanEval's 164 problems, base and plus tests, pass@k side by side";
  readonly files = [HUMANEVAL_PLUS_FILE, HUMANEVAL_PUBLIC_TESTS_FILE];
  protected readonly publicTestSetup = undefined;

  constructor() {
    super("humaneval-plus", HUMANEVAL_PLUS_FILE, "humaneval", () => "");
  }

  /** HumanEval's curated docstring examples, as for `humaneval`. */
  protected loadPublicTests(_tasks: readonly EvalPlusTask[], options?: LoadOptions): Promise<Map<string, PublicTest[]>> {
    return loadHumanEvalExamples(options);
  }
}

/** MBPP+ v0.2.0: 378 hand-verified MBPP problems with 35 times more tests. */
export class MbppPlusDataset extends EvalPlusDataset {
  readonly description = "MBPP+ (EvalPlus v0.2.0): 378 verified MBPP problems, base and plus tests, pass@k side by side";
  readonly files = [MBPP_PLUS_FILE];
  /** Some prompts' asserts call math.isclose; MBPP lists `import math` among such tests' imports. */
  protected readonly publicTestSetup = "import math";

  constructor() {
    super("mbpp-plus", MBPP_PLUS_FILE, "mbpp", mbppPlusInputConversion);
  }

  /** Accepts 2, "2", "mbpp/2" and "Mbpp/2" for `Mbpp/2`. */
  protected override normalizeTaskId(raw: string | number): string {
    const text = String(raw).trim();
    const match = /^(?:mbpp\/)?(\d+)$/i.exec(text);
    return match ? `Mbpp/${match[1]}` : text;
  }

  /** The assert the prompt shows. */
  protected async loadPublicTests(tasks: readonly EvalPlusTask[]): Promise<Map<string, PublicTest[]>> {
    return new Map(
      tasks.map((task) => [
        task.taskId,
        task.prompt
          .split("\n")
          .filter((line) => line.startsWith("assert "))
          .map((code): PublicTest => ({ kind: "assert", code })),
      ]),
    );
  }
}
