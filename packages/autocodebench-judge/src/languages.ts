import { findLanguage, type LanguageDefinition } from "@cg/executor";
import { LANGUAGES, lookupLanguage, type Language } from "@cg/languages";
import { UnknownAutoCodeBenchLanguageError } from "./errors";

/**
 * How AutoCodeBench runs one language beyond the catalog's declaration: invoked how, with how
 * many seconds added to the request's timeout, and which words in the output mean a failed test
 * even when the program exits with status 0.
 */
interface LanguageRules {
  /** Where AutoCodeBench's file name and commands differ from the executor's declaration. */
  readonly adapt?: (base: LanguageDefinition) => Partial<LanguageDefinition>;
  readonly extraSeconds?: number;
  readonly failurePatterns?: readonly string[];
}

/** One language AutoCodeBench runs: its name there, the catalog language whose toolchain runs it, and its rules. */
export interface AutoCodeBenchLanguage extends LanguageRules {
  /** AutoCodeBench's universal name of the language, after its alias table (`c#`, `shell`, ...). */
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
 * AutoCodeBench's rules, by catalog language; a language the catalog names for AutoCodeBench
 * without rules here runs on its own declaration, with no allowance and no failure words.
 */
const RULES: Readonly<Partial<Record<Language, LanguageRules>>> = {
  elixir: { adapt: () => ({ sourceFile: "test.exs", compile: undefined, run: ["elixir", "{file}"] }) },
  javascript: { failurePatterns: ["failed"] },
  // AutoCodeBench runs TypeScript with tsx, which strips types without checking them, as esbuild does here.
  typescript: { extraSeconds: 1, failurePatterns: ["failed", "AssertionError"] },
  // PHP's assertions are on in AutoCodeBench's php.ini; Debian's production php.ini turns them off.
  php: { adapt: (php) => ({ run: [php.run[0]!, "-d", "zend.assertions=1", ...php.run.slice(1)] }), failurePatterns: ["assert()", "failed"] },
  dart: { adapt: () => ({ compile: undefined, run: ["dart", "run", "--enable-asserts", "{file}"] }) },
  swift: { adapt: () => ({ compile: undefined, run: ["swift", "{file}"] }) },
  // Scripts, compiled and run by one command each time, as AutoCodeBench runs them: the executor's
  // class files, entry point and compiler archive do not apply. The launchers keep their default
  // heap; a serial collector and the C1 compiler alone start them about twice as fast on one CPU.
  kotlin: { adapt: () => ({ ...SCRIPT, sourceFile: "test.kts", run: ["kotlinc", ...SCRIPT_JVM_FLAGS, "-script", "{file}"] }), extraSeconds: 10 },
  scala: { adapt: () => ({ ...SCRIPT, sourceFile: "test.sc", run: ["scala", ...SCRIPT_JVM_FLAGS, "-nc", "{file}"] }), extraSeconds: 25 },
  racket: { adapt: () => ({ compile: undefined, run: ["raco", "test", "{file}"] }), failurePatterns: ["FAILURE", "ERROR"] },
  // AutoCodeBench compiles C and C++ without optimisation or a language-standard flag.
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
  // AutoCodeBench runs `go test` on the joined file (its default test method).
  go: { adapt: () => ({ sourceFile: "main_test.go", compile: { argv: ["go", "test", "-c", "-o", "main.test", "{file}"] }, run: ["./main.test"] }), extraSeconds: 1 },
  // AutoCodeBench runs `cargo test`: an unoptimised test build, overflow checks on.
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

/** AutoCodeBench's languages by its name: those the catalog gives an AutoCodeBench name. */
const byName = new Map<string, AutoCodeBenchLanguage>(
  LANGUAGES.flatMap((language) =>
    language.autoCodeBench === undefined
      ? []
      : [[language.autoCodeBench, { name: language.autoCodeBench, base: language.id, extraSeconds: 0, failurePatterns: [], ...RULES[language.id] }]],
  ),
);

/**
 * AutoCodeBench's language for a name: its own name, or any name of the language in the catalog
 * (which holds AutoCodeBench's aliases and the names its records use); throws
 * UnknownAutoCodeBenchLanguageError.
 */
export function languageNamed(name: string): AutoCodeBenchLanguage {
  const universal = lookupLanguage(name)?.autoCodeBench;
  const language = universal === undefined ? undefined : byName.get(universal);
  if (!language) throw new UnknownAutoCodeBenchLanguageError(name, [...byName.keys()]);
  return language;
}

/** AutoCodeBench's universal name for a language name or alias; throws UnknownAutoCodeBenchLanguageError. */
export function autoCodeBenchLanguage(name: string): string {
  return languageNamed(name).name;
}

/** The catalog language a problem posed in this AutoCodeBench language is in; throws UnknownAutoCodeBenchLanguageError. */
export function autoCodeBenchProblemLanguage(name: string): Language {
  return languageNamed(name).base;
}

/** Every language AutoCodeBench runs here, by its universal name. */
export function autoCodeBenchLanguages(): string[] {
  return [...byName.keys()];
}

/** The declaration a language's programs run under (its toolchain is what `findToolchain` checks). */
export function autoCodeBenchDefinition(name: string): LanguageDefinition {
  return definitionOf(languageNamed(name));
}

const definitions = new Map<string, LanguageDefinition>();

/** Built once per language so the executor caches its toolchain lookup. */
export function definitionOf(language: AutoCodeBenchLanguage): LanguageDefinition {
  let definition = definitions.get(language.name);
  if (!definition) {
    const base = findLanguage(language.base);
    definition = { ...base, ...language.adapt?.(base) };
    definitions.set(language.name, definition);
  }
  return definition;
}
