export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/**
 * One language, declared as data: what it is called, how models fence its code, what installs it,
 * and how its programs are written, compiled and run.
 *
 * Commands are argv arrays whose first element is looked up on the sandbox's PATH (Debian
 * toolchains live under /usr, which the sandbox sees read-only). They may use these placeholders:
 * - `{file}`: the source file's name in the work directory;
 * - `{main}`: the entry point: the file name without its extension, or, for Java, Kotlin and
 *   Scala, the class the executor finds in the source;
 * - `{memoryMiB}`: the step's memory limit in MiB, for runtimes that size their heap from a flag.
 */
export interface LanguageDeclaration<Id extends string = string> {
  /** Stable id, e.g. `cpp`. */
  readonly id: Id;
  /** Display name, e.g. `C++`: in prompts, listings and messages. */
  readonly name: string;
  /** Other names requests may use, e.g. `c++`, `cxx`; a code fence tagged with one holds this language too. */
  readonly aliases: readonly string[];
  /**
   * Tags models put on code fences of this language that are not names of it a request may use
   * (`jsx`, `tsx`, `kts`): code so fenced is taken as this language's, but no program is run as
   * one of them.
   */
  readonly extraFenceTags?: readonly string[];
  /**
   * AutoCodeBench's name of the language: its sandbox's name after the sandbox's alias table
   * (`shell`, `c#`). It must be the id or one of the aliases, which are the spellings its records
   * and requests may use. A language that has one is among the languages of AutoCodeBench's
   * sandbox (its datasets and `cg serve`).
   */
  readonly autoCodeBench?: string;
  /** Name of the source file in the work directory (Java's is named after its public class). */
  readonly sourceFile: string;
  /** Run once per sample, before the tests; a failure is `compile_error`. */
  readonly compile?: {
    readonly argv: readonly string[];
    /** Defaults for the compile step; requests may override them. */
    readonly limits?: CompileLimits;
  };
  /** Run once per test, with the test's input on stdin. */
  readonly run: readonly string[];
  /** Added to the environment of both steps (which otherwise holds PATH, HOME=/tmp and LANG). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Memory is bounded by RLIMIT_DATA (committed memory) at the memory limit, and by RLIMIT_AS
   * (address space) at the memory limit plus this headroom. Runtimes that reserve far more
   * address space than they touch (the JVM, V8, Go, Mono) need a headroom of a few GiB.
   */
  readonly addressSpaceHeadroom?: number;
  /**
   * Let the program's main stack grow to the memory limit, as competitive judges do for native
   * code. glibc sizes new threads' stacks the same way, and they count against the limit.
   */
  readonly largeStack?: boolean;
  /** Matches what the runtime prints on stderr when it runs out of memory (a Python regex). */
  readonly outOfMemory?: string;
  /** Built once per machine to make every compile faster; see `CompilerCache`. */
  readonly compilerCache?: CompilerCache;
  readonly toolchain: Toolchain;
}

/** A compile step's default limits: any of the executor's resource limits, by the same names. */
export interface CompileLimits {
  readonly wallSeconds?: number;
  readonly cpuSeconds?: number;
  readonly memoryBytes?: number;
  readonly processes?: number;
  readonly fileBytes?: number;
  readonly outputBytes?: number;
}

/**
 * What a language needs installed, and how to get it: Debian packages, or, where Debian has none,
 * the official installer.
 */
export type Toolchain = ToolchainCommon & (DebianToolchain | InstallerToolchain);

export interface ToolchainCommon {
  /** Prints the toolchain's version (first line is shown). */
  readonly version: readonly string[];
  /**
   * Files the commands need besides themselves, as absolute paths: a compiler's jars that `java`
   * runs. A missing one makes the toolchain missing, like a missing command.
   */
  readonly files?: readonly string[];
}

export interface DebianToolchain {
  /** Debian packages that provide it. */
  readonly packages: readonly [string, ...string[]];
  readonly install?: undefined;
}

export interface InstallerToolchain {
  readonly packages: readonly [];
  /**
   * How to install it, shown by `cg doctor` and in `toolchain_missing` messages in place of an
   * apt-get command: the official installer and where to find it.
   */
  readonly install: string;
}

/**
 * Something a compiler builds once per machine and then reuses on every compile: a precompiled
 * header, a class-data archive of the compiler's own classes. It is built on the host and lives
 * in the toolchain cache, which programs see read-only. A compile whose flags do not match the
 * artifact's ignores it, so a stale or mismatched artifact only costs time.
 */
export interface CompilerCache {
  /** Files written to a scratch directory where `build` runs. */
  readonly files: Readonly<Record<string, string>>;
  /**
   * The build command; its first word is the compile command's. `{output}` is where the artifact
   * goes, `{memoryMiB}` the default compile memory limit.
   */
  readonly build: readonly string[];
  /** The artifact's path inside its cache entry, e.g. `bits/stdc++.h.gch`. */
  readonly artifact: string;
  /** Arguments every compile gets right after the compiler; `{dir}` is the cache entry. */
  readonly use: readonly string[];
}

/**
 * A language's declaration, its id kept as a literal type so that the catalog's `Language` union
 * is derived from the declarations themselves.
 */
export function defineLanguage<const Id extends string>(declaration: LanguageDeclaration<Id>): LanguageDeclaration<Id> {
  return declaration;
}
