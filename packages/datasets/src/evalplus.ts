import type { ExecutionRequest, Executor } from "@cg/executor";
import { humanEvalCompletionPrompt } from "./completion-prompts";
import { cacheDirOf, readDataText, type DataFile } from "./data-file";
import { UnknownProblemError } from "./errors";
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
import type { Candidate, Dataset, LoadOptions, Problem, PublicTest, PublicTestReport, ScoreOptions, Verdict } from "./types";

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
  private readonly tasks = new Map<string, EvalPlusTask>();
  private readonly expectedOutputs: ExpectedOutputStore;

  constructor(
    readonly name: string,
    private readonly file: DataFile,
    private readonly flavor: EvalPlusFlavor,
    private readonly inputConversion: (taskId: string) => string,
  ) {
    this.expectedOutputs = new ExpectedOutputStore(name, file, flavor);
  }

  /** The tests a strategy may see, by task id. */
  protected abstract loadPublicTests(tasks: readonly EvalPlusTask[], options?: LoadOptions): Promise<Map<string, PublicTest[]>>;
  /** Imports the public tests need that the candidate must not be given. */
  protected abstract readonly publicTestSetup: string | undefined;

  async load(options?: LoadOptions): Promise<Problem[]> {
    const text = await readDataText(this.file, options);
    const tasks = parseEvalPlusTasks(text, this.file.file, this.inputConversion);
    const publicTests = await this.loadPublicTests(tasks, options);
    this.tasks.clear();
    for (const task of tasks) this.tasks.set(task.taskId, task);
    this.expectedOutputs.useCacheDir(cacheDirOf(options));
    return tasks.map((task) => ({
      taskId: task.taskId,
      language: "python",
      prompt: task.prompt,
      entryPoint: task.entryPoint,
      publicTests: publicTests.get(task.taskId) ?? [],
      // HumanEval+'s prompts are HumanEval's, continued the same way.
      ...(this.flavor === "humaneval" ? { completionPrompt: humanEvalCompletionPrompt(task.prompt) } : {}),
      metadata: { atol: task.atol },
    }));
  }

  normalizeTaskId(raw: string | number): string {
    return String(raw);
  }

  canonicalCandidate(problem: Problem): Candidate {
    return { kind: "completion", code: this.task(problem).canonicalSolution };
  }

  /** The reference solution's outputs and timings, computed in the sandbox on first use and cached. */
  expectations(problem: Problem, executor: Executor): Promise<TaskExpectations> {
    return this.expectedOutputs.get(this.task(problem), executor);
  }

  /** Where computed expected outputs are cached. */
  expectedOutputsDirectory(): string {
    return this.expectedOutputs.directory();
  }

  /**
   * Passed when the candidate passes the base tests and the plus tests, EvalPlus's headline
   * score; `parts` also gives base alone. Plus tests are skipped once base fails, since the
   * result cannot pass then.
   */
  async score(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<Verdict> {
    const base = await this.runPart(problem, candidate, "base", executor, options);
    if (!base.passed) return { ...base, parts: { base: false, plus: false } };
    const plus = await this.runPart(problem, candidate, "plus", executor, options);
    return {
      ...plus,
      wallMs: base.wallMs + plus.wallMs,
      cpuMs: base.cpuMs + plus.cpuMs,
      parts: { base: true, plus: plus.passed },
    };
  }

  /** Runs one part's tests alone. */
  async runPart(problem: Problem, candidate: Candidate, part: EvalPlusPart, executor: Executor, options: ScoreOptions = {}): Promise<Verdict> {
    return partVerdict(await executor.execute(await this.checkRequest(problem, candidate, part, executor, options)));
  }

  /** The sandbox run that checks a candidate against one part's tests. */
  async checkRequest(
    problem: Problem,
    candidate: Candidate,
    part: EvalPlusPart,
    executor: Executor,
    options: ScoreOptions = {},
  ): Promise<ExecutionRequest> {
    const task = this.task(problem);
    const expectations = (await this.expectations(problem, executor))[part];
    const limits = testTimeLimits(expectations.seconds, options.timeoutSeconds ?? this.defaultTimeoutSeconds);
    return {
      language: "python",
      ...checkProgram(this.code(task, candidate), task, this.flavor, part, expectations, limits),
      limits: { wallSeconds: partWallSeconds(limits), memoryBytes: EVALPLUS_MEMORY_BYTES },
    };
  }

  /**
   * Each public test is one call, which EvalPlus would give at least the minimum time limit; the
   * 2 s on top are for starting the program, as in the parts' limits.
   */
  runPublicTests(problem: Problem, candidate: Candidate, executor: Executor, options: ScoreOptions = {}): Promise<PublicTestReport> {
    const wallSeconds = (options.timeoutSeconds ?? this.defaultTimeoutSeconds) + 2;
    const setup = this.publicTestSetup === undefined ? {} : { testSetup: this.publicTestSetup };
    return runAssertTests(this.code(this.task(problem), candidate), problem.publicTests, executor, wallSeconds, setup);
  }

  /** EvalPlus's rule: a `solution` is the whole program; a `completion` continues the prompt. */
  private code(task: EvalPlusTask, candidate: Candidate): string {
    return candidate.kind === "solution" ? candidate.code : task.prompt + candidate.code;
  }

  private task(problem: Problem): EvalPlusTask {
    const task = this.tasks.get(problem.taskId);
    if (!task) throw new UnknownProblemError(this.name, problem.taskId);
    return task;
  }
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
  override normalizeTaskId(raw: string | number): string {
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
