import type { ExecutionStatus, Executor, ProgramJudge } from "@cg/executor";
import type { Language } from "@cg/languages";
import type { DataFile } from "./data-file";

/** Languages a problem can be posed in: the ids of the language catalog. */
export type { Language };

/**
 * A test that a generation strategy may see and run (a docstring example, a sample I/O pair).
 * Hidden tests never take this form: they stay inside the dataset's scoring.
 */
export type PublicTest =
  | { kind: "assert"; code: string }
  | { kind: "io"; input: string; output: string };

export interface Problem {
  /** The dataset's own id, e.g. `HumanEval/0` or `mbpp/11`. */
  taskId: string;
  language: Language;
  /** The text a model completes or answers, built the way the dataset's paper builds it. */
  prompt: string;
  /** Function the tests call, for function-completion datasets. */
  entryPoint?: string;
  /** Tests a strategy may see and run while generating. */
  publicTests: PublicTest[];
  /**
   * How a base model is prompted for the problem on a plain completions endpoint, as the
   * reference harness does it; absent for datasets that have no such protocol.
   */
  completionPrompt?: CompletionPrompt;
  /** Dataset-specific facts used in reports (difficulty, tags, dates). */
  metadata: Record<string, string | number | boolean>;
  /** For datasets the strategy papers ran on: the problem as their authors' code poses it. */
  reference?: ReferenceProblem;
}

/**
 * The dataset class of the strategy papers' code that poses a problem, and the record fields
 * it reads to do so (never the hidden tests): what the `reference` prompt profile shows.
 */
export interface ReferenceProblem {
  dataset: "HumanEval" | "MBPP" | "APPS" | "xCodeEval" | "CC";
  fields: Record<string, unknown>;
}

/**
 * A base model's prompt (no chat template): the text it continues, and where the continuation
 * ends.
 */
export interface CompletionPrompt {
  text: string;
  /** The reference harness's stop sequences for the dataset: the continuation ends before the first. */
  stop: string[];
  /**
   * What the continuation is: `completion`, text that continues the problem's prompt (HumanEval:
   * prompt + continuation is the program); `solution`, the whole program (MBPP's few-shot prompt).
   */
  candidateKind: Candidate["kind"];
}

/**
 * Generated code for one problem.
 * - `completion`: text that continues the prompt (human-eval samples).
 * - `solution`: a self-contained program (EvalPlus samples, chat-model answers).
 */
export interface Candidate {
  kind: "completion" | "solution";
  code: string;
  /** The executor language the code is written in, for multi-language datasets; the problem's by default. */
  language?: string;
}

export interface Verdict {
  passed: boolean;
  status: ExecutionStatus;
  errorType?: string;
  errorMessage?: string;
  wallMs: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
  /**
   * Verdicts on named subsets of the tests, for datasets that report several scores side by
   * side (EvalPlus: `base`, the original tests, and `plus`, base and EvalPlus's added tests).
   */
  parts?: Record<string, boolean>;
}

export interface ScoreOptions {
  /** Per-program wall-time limit; the dataset's reference default when omitted. */
  timeoutSeconds?: number;
}

/** Result of running a candidate against the public tests only, for strategies. */
export interface PublicTestReport {
  passed: boolean;
  /** One entry per public test, in order. */
  results: Array<{
    test: PublicTest;
    passed: boolean;
    status: ExecutionStatus;
    detail: string;
    /** What the program printed to standard output, for an `io` test that ran. */
    stdout?: string;
  }>;
  /** A readable log of failures, suitable for a debugging prompt. */
  log: string;
}

export interface LoadOptions {
  /** Local mirror laid out like the published sources (one folder per source). */
  dataDir?: string;
  /** Where downloaded files are cached. */
  cacheDir?: string;
  /** Offline: never download. */
  offline?: boolean;
}

/**
 * What runs a dataset's programs: the executor's sandbox, which runs a program with its tests
 * (`execute`) and judges one against stdin/stdout tests (`judge`). An `ExecutionPool` is one.
 */
export type Sandbox = Pick<Executor, "execute"> & ProgramJudge;

/** A dataset once loaded: its problems and the judging that goes with them. */
export interface Suite {
  /** The problems, in the dataset's order. */
  readonly problems: readonly Problem[];
  /** Maps the task ids other tools write (e.g. MBPP's bare numbers) to this suite's ids. */
  normalizeTaskId(raw: string | number): string;
  /** The reference solution as a candidate, when the dataset has one. */
  canonical(problem: Problem): Candidate | undefined;
  /** Runs the hidden (scoring) tests: the verdict that counts. */
  score(problem: Problem, candidate: Candidate, sandbox: Sandbox, options?: ScoreOptions): Promise<Verdict>;
  /** Runs only the public tests; what a strategy's runSampleTests callback returns. */
  runPublicTests(problem: Problem, candidate: Candidate, sandbox: Sandbox, options?: ScoreOptions): Promise<PublicTestReport>;
}

/**
 * A benchmark as published: what it is and which files it reads. `load` reads them and returns
 * the suite that scores its problems; a problem of another suite is refused there
 * (UnknownProblemError).
 */
export interface Dataset {
  readonly name: string;
  readonly description: string;
  /** The published files the dataset reads, with their checksums. */
  readonly files: readonly DataFile[];
  /** Reference per-program time limit in seconds. */
  readonly defaultTimeoutSeconds: number;
  load(options?: LoadOptions): Promise<Suite>;
}
