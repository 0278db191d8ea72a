import { findLanguage, type ExecutionStatus, type Executor, type LanguageDefinition, type ResourceLimits, type StepResult } from "@cg/executor";
import { LANGUAGES, lookupLanguage, type Language } from "@cg/languages";
import { spliceAutoCodeBench } from "./autocodebench-splice";
import { UnknownSandboxLanguageError } from "./errors";
import { requireJudge } from "./judge";

/** The verdicts of AutoCodeBench's multi-language sandbox (`exec_outcome`). */
export const AUTOCODEBENCH_OUTCOMES = [
  "PASSED",
  "WRONG_ANSWER",
  "TIME_LIMIT_EXCEEDED",
  "COMPILATION_ERROR",
  "SYNTAX_ERROR",
  "RUNTIME_ERROR",
  "INTERNAL_ERROR",
  "ARGUMENT_ERROR",
  "UNKNOWN_ERROR",
] as const;

export type AutoCodeBenchOutcome = (typeof AUTOCODEBENCH_OUTCOMES)[number];

/**
 * How the sandbox runs one language beyond the catalog's declaration: invoked how, with how many
 * seconds added to the request's timeout, and which words in the output mean a failed test even
 * when the program exits with status 0.
 */
interface SandboxRules {
  /** Where the sandbox's file name and commands differ from the executor's declaration. */
  readonly adapt?: (base: LanguageDefinition) => Partial<LanguageDefinition>;
  readonly extraSeconds?: number;
  readonly failurePatterns?: readonly string[];
}

/** One language the sandbox runs: its name there, the catalog language whose toolchain runs it, and its rules. */
interface SandboxLanguage extends SandboxRules {
  /** The sandbox's name for the language after its alias table (`c#`, `shell`, ...). */
  readonly name: string;
  readonly base: Language;
  readonly extraSeconds: number;
  readonly failurePatterns: readonly string[];
}

const SCRIPT = { entryPoint: undefined, compile: undefined, compilerCache: undefined } as const;
const SCRIPT_JVM_FLAGS = ["-J-XX:+UseSerialGC", "-J-XX:-UsePerfData", "-J-XX:TieredStopAtLevel=1"];

const JUNIT_LAUNCHER = "/usr/share/java/junit-platform-console-standalone.jar";
const GSON = "/usr/share/java/gson.jar";
const JAVA_LIBRARIES = `${JUNIT_LAUNCHER}:${GSON}`;

/**
 * The sandbox's rules, by catalog language; a language the catalog names for AutoCodeBench
 * without rules here runs on its own declaration, with no allowance and no failure words.
 */
const SANDBOX_RULES: Readonly<Partial<Record<Language, SandboxRules>>> = {
  elixir: { adapt: () => ({ sourceFile: "test.exs", compile: undefined, run: ["elixir", "{file}"] }) },
  javascript: { failurePatterns: ["failed"] },
  // The sandbox runs TypeScript with tsx, which strips types without checking them, as esbuild does here.
  typescript: { extraSeconds: 1, failurePatterns: ["failed", "AssertionError"] },
  // PHP's assertions are on in the sandbox's php.ini; Debian's production php.ini turns them off.
  php: { adapt: (php) => ({ run: [php.run[0]!, "-d", "zend.assertions=1", ...php.run.slice(1)] }), failurePatterns: ["assert()", "failed"] },
  dart: { adapt: () => ({ compile: undefined, run: ["dart", "run", "--enable-asserts", "{file}"] }) },
  swift: { adapt: () => ({ compile: undefined, run: ["swift", "{file}"] }) },
  // Scripts, compiled and run by one command each time, as the sandbox runs them: the executor's
  // class files, entry point and compiler archive do not apply. The launchers keep their default
  // heap; a serial collector and the C1 compiler alone start them about twice as fast on one CPU.
  kotlin: { adapt: () => ({ ...SCRIPT, sourceFile: "test.kts", run: ["kotlinc", ...SCRIPT_JVM_FLAGS, "-script", "{file}"] }), extraSeconds: 10 },
  scala: { adapt: () => ({ ...SCRIPT, sourceFile: "test.sc", run: ["scala", ...SCRIPT_JVM_FLAGS, "-nc", "{file}"] }), extraSeconds: 25 },
  racket: { adapt: () => ({ compile: undefined, run: ["raco", "test", "{file}"] }), failurePatterns: ["FAILURE", "ERROR"] },
  // The sandbox compiles C and C++ without optimisation or a language-standard flag.
  c: { adapt: () => ({ compile: { argv: ["gcc", "-o", "main", "{file}", "-lm", "-lpthread"] }, compilerCache: undefined }), extraSeconds: 3 },
  cpp: { adapt: () => ({ compile: { argv: ["g++", "-o", "main", "{file}"] }, compilerCache: undefined }), extraSeconds: 3 },
  // The tests are JUnit 5 classes: compiled against JUnit and run by its console launcher, which
  // exits non-zero when a test fails or (as asked) when there is none.
  java: {
    adapt: (java) => ({
      sourceFile: "test.java",
      entryPoint: undefined,
      compile: { ...java.compile!, argv: [...java.compile!.argv.slice(0, -1), "-cp", `.:${JAVA_LIBRARIES}`, "{file}"] },
      // Without JUnit every run would fail alike: the samples are marked toolchain_missing instead.
      toolchain: { version: java.toolchain.version, packages: ["default-jdk-headless", "junit5", "libgoogle-gson-java"], files: [JUNIT_LAUNCHER, GSON] },
      run: ["java", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx{memoryMiB}m", "-jar", JUNIT_LAUNCHER, "--class-path", `.:${JAVA_LIBRARIES}`, "--scan-class-path", "--disable-banner", "--details", "none", "--fail-if-no-tests"],
    }),
    extraSeconds: 3,
  },
  // The sandbox runs `go test` on the joined file (its default test method).
  go: { adapt: () => ({ sourceFile: "main_test.go", compile: { argv: ["go", "test", "-c", "-o", "main.test", "{file}"] }, run: ["./main.test"] }), extraSeconds: 1 },
  // The sandbox runs `cargo test`: an unoptimised test build, overflow checks on.
  rust: { adapt: () => ({ compile: { argv: ["rustc", "--edition", "2021", "--test", "-o", "main", "{file}"] } }), extraSeconds: 10 },
  // .NET's debug build keeps Debug.Assert and aborts with "Assertion failed" when one fails. Mono
  // compiles it in with DEBUG defined but, without a trace listener, ignores a failed one; with
  // one on stderr it prints the failure and carries on, through the listener's Fail method.
  csharp: {
    adapt: (cs) => ({
      compile: { ...cs.compile!, argv: ["mcs", "-define:DEBUG", "-r:System.Numerics.dll", "-out:main.exe", "{file}"] },
      env: { ...cs.env, MONO_TRACE_LISTENER: "Console.Error" },
    }),
    extraSeconds: 10,
    failurePatterns: ["Assertion failed", "System.Diagnostics.DefaultTraceListener.Fail"],
  },
};

/** The sandbox's languages by its name: those the catalog gives an AutoCodeBench name. */
const byName = new Map<string, SandboxLanguage>(
  LANGUAGES.flatMap((language) =>
    language.autoCodeBench === undefined
      ? []
      : [[language.autoCodeBench, { name: language.autoCodeBench, base: language.id, extraSeconds: 0, failurePatterns: [], ...SANDBOX_RULES[language.id] }]],
  ),
);

/**
 * The sandbox's language for a name: its own name, or any name of the language in the catalog
 * (which holds the sandbox's aliases and the names AutoCodeBench's records use); throws
 * UnknownSandboxLanguageError.
 */
function sandboxLanguage(name: string): SandboxLanguage {
  const universal = lookupLanguage(name)?.autoCodeBench;
  const language = universal === undefined ? undefined : byName.get(universal);
  if (!language) throw new UnknownSandboxLanguageError(name, [...byName.keys()]);
  return language;
}

/** The sandbox's universal name for a language name or alias; throws UnknownSandboxLanguageError. */
export function autoCodeBenchLanguage(name: string): string {
  return sandboxLanguage(name).name;
}

/** The catalog language a problem posed in this AutoCodeBench language is in; throws UnknownSandboxLanguageError. */
export function autoCodeBenchProblemLanguage(name: string): Language {
  return sandboxLanguage(name).base;
}

/** Every language the sandbox runs here, by its universal name. */
export function autoCodeBenchLanguages(): string[] {
  return [...byName.keys()];
}

const definitions = new Map<string, LanguageDefinition>();

/** The declaration a language's programs run under (its toolchain is what `findToolchain` checks). */
export function autoCodeBenchDefinition(name: string): LanguageDefinition {
  return definitionOf(sandboxLanguage(name));
}

/** Built once per language so the executor caches its toolchain lookup. */
function definitionOf(language: SandboxLanguage): LanguageDefinition {
  let definition = definitions.get(language.name);
  if (!definition) {
    const base = findLanguage(language.base);
    definition = { ...base, ...language.adapt?.(base) };
    definitions.set(language.name, definition);
  }
  return definition;
}

/** One program's run, in the sandbox's terms and in the executor's. */
export interface AutoCodeBenchRun {
  outcome: AutoCodeBenchOutcome;
  /** The universal language name. */
  language: string;
  /** The executor's verdict of the step that decided the outcome. */
  status: ExecutionStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The compiler's output, when compiling failed. */
  compileMessage: string;
  /** The program's error output, or why it did not run, when it failed. */
  runtimeMessage: string;
  wallMs: number;
  cpuMs: number;
}

export interface AutoCodeBenchRunOptions {
  /** The request's timeout; the sandbox adds a per-language allowance. Default 5, the sandbox's. */
  timeoutSeconds?: number;
  /** Other limits of the compile and run steps (memory, processes, output). */
  limits?: Partial<Omit<ResourceLimits, "wallSeconds">>;
  /** Cancels the run: its sandbox is killed and the call rejects with the executor's ExecutionAbortedError. */
  signal?: AbortSignal;
}

/** The sandbox's default timeout when a request gives none. */
export const AUTOCODEBENCH_DEFAULT_TIMEOUT_SECONDS = 5;

/**
 * Runs one program as AutoCodeBench's sandbox runs it: compile if the language compiles, run once,
 * and judge by exit status, timeout and the language's failure words in the output.
 */
export async function runAutoCodeBenchProgram(executor: Executor, languageName: string, source: string, options: AutoCodeBenchRunOptions = {}): Promise<AutoCodeBenchRun> {
  const language = sandboxLanguage(languageName);
  if (language.name === "php" && !hasPhpTags(source)) {
    return { ...emptyRun(language.name, "SYNTAX_ERROR", "runtime_error"), runtimeMessage: "Syntax error detected: a PHP program must open with a lone <?php line and end with a ?> line" };
  }
  const wallSeconds = (options.timeoutSeconds ?? AUTOCODEBENCH_DEFAULT_TIMEOUT_SECONDS) + language.extraSeconds;
  // Compilers and VMs run several threads, all counted in the process's CPU time.
  const limits = { ...options.limits, wallSeconds, cpuSeconds: 2 * wallSeconds };
  const result = await requireJudge(executor, "autocodebench").judge({
    language: definitionOf(language),
    source,
    tests: [{ input: "" }],
    limits,
    compileLimits: limits,
  }, options.signal ? { signal: options.signal } : {});
  const run = result.tests[0];
  const compile = result.compile;
  if (!run) {
    if (compile && compile.status !== "passed") {
      return fromStep(language.name, compile.status === "timeout" ? "TIME_LIMIT_EXCEEDED" : "COMPILATION_ERROR", compile, { compileMessage: compile.stderr || compile.stdout });
    }
    const outcome: AutoCodeBenchOutcome = "INTERNAL_ERROR";
    return { ...emptyRun(language.name, outcome, result.status), runtimeMessage: result.errorMessage ?? `the program did not run (${result.status})` };
  }
  return fromStep(language.name, runOutcome(run, language), run, {});
}

function runOutcome(step: StepResult, language: SandboxLanguage): AutoCodeBenchOutcome {
  switch (step.status) {
    case "passed": {
      const output = step.stdout + step.stderr;
      return language.failurePatterns.some((pattern) => output.includes(pattern)) ? "WRONG_ANSWER" : "PASSED";
    }
    case "timeout":
      return "TIME_LIMIT_EXCEEDED";
    case "sandbox_error":
    case "toolchain_missing":
      return "INTERNAL_ERROR";
    default:
      return "RUNTIME_ERROR";
  }
}

function fromStep(language: string, outcome: AutoCodeBenchOutcome, step: StepResult, messages: { compileMessage?: string }): AutoCodeBenchRun {
  const failed = outcome !== "PASSED";
  return {
    outcome,
    language,
    status: step.status,
    exitCode: step.exitCode,
    stdout: step.stdout,
    stderr: step.stderr,
    compileMessage: messages.compileMessage ?? "",
    runtimeMessage: failed && outcome !== "COMPILATION_ERROR" ? failureOutput(step) : "",
    wallMs: step.wallMs,
    cpuMs: step.cpuMs,
  };
}

/**
 * What a failed program printed: test harnesses (`go test`, JUnit's launcher, Rust's, ExUnit) and
 * shell tests report the failed check on stdout, so stdout follows stderr; the executor's account
 * of the failure when the program printed nothing.
 */
function failureOutput(step: StepResult): string {
  const printed = [step.stderr, step.stdout].filter((text) => text.trim() !== "").join("\n");
  return printed || step.errorMessage || "";
}

function emptyRun(language: string, outcome: AutoCodeBenchOutcome, status: ExecutionStatus): AutoCodeBenchRun {
  return { outcome, language, status, exitCode: null, stdout: "", stderr: "", compileMessage: "", runtimeMessage: "", wallMs: 0, cpuMs: 0 };
}

/** The sandbox's check of PHP programs: one `<?php`, alone on the first line, and a last line `?>`. */
function hasPhpTags(source: string): boolean {
  if ((source.match(/<\?php/g) ?? []).length !== 1) return false;
  const lines = source.split("\n");
  if (!/^<\?php\s*$/.test(lines[0]!)) return false;
  const tail = lines[lines.length - 1] === "" ? lines[lines.length - 2] : lines[lines.length - 1];
  return tail !== undefined && /^\s*\?>$/.test(tail);
}

/** Joins a solution and tests as the sandbox does, then runs the joined program. */
export async function runAutoCodeBenchSolution(
  executor: Executor,
  languageName: string,
  solution: string,
  tests: string,
  options?: AutoCodeBenchRunOptions,
): Promise<AutoCodeBenchRun & { source: string }> {
  const source = spliceAutoCodeBench(autoCodeBenchLanguage(languageName), solution, tests);
  return { ...(await runAutoCodeBenchProgram(executor, languageName, source, options)), source };
}
