import type { LanguageDefinition } from "./languages/language";
import { resolveLimits } from "./limits";
import type { ToolchainStatus } from "./toolchains";
import type { JudgeRequest, OutputComparison, ResourceLimits } from "./types";

const MiB = 1024 * 1024;

/** Compile limits when neither the language nor the request sets them. */
export const DEFAULT_COMPILE_LIMITS: ResourceLimits = Object.freeze({
  wallSeconds: 20,
  cpuSeconds: 21,
  memoryBytes: 2048 * MiB,
  processes: 64,
  fileBytes: 256 * MiB,
  outputBytes: 64 * 1024,
});

/** One process the fork server runs in the program's work directory. */
export interface CommandStep {
  kind: "compile" | "test";
  argv: string[];
  stdin?: string;
  expected?: string;
  comparison?: OutputComparison;
  limits: ResourceLimits;
}

/** What the fork server needs to judge one program: its files, then its steps in order. */
export interface ProgramJob {
  files: Record<string, string>;
  env: Record<string, string>;
  addressSpaceHeadroom: number;
  largeStack: boolean;
  outOfMemory: string | null;
  stopAtFirstFailure: boolean;
  steps: CommandStep[];
}

export function compileLimitsFor(language: LanguageDefinition, request: Partial<ResourceLimits> | undefined): ResourceLimits {
  return resolveLimits({ ...language.compile?.limits, ...request }, DEFAULT_COMPILE_LIMITS);
}

function expand(argv: readonly string[], values: Record<string, string>, toolchain: ToolchainStatus): string[] {
  const expanded = argv.map((word) => word.replace(/\{(file|main|memoryMiB)\}/g, (_, name: string) => values[name]!));
  const [command, ...rest] = expanded;
  return [toolchain.commands[command!] ?? command!, ...rest];
}

/**
 * Turns a judge request into the fork server's steps: write the source, compile it once (if the
 * language compiles), then run it once per test with that test's input on stdin.
 */
export function buildProgramJob(options: {
  language: LanguageDefinition;
  toolchain: ToolchainStatus;
  request: JudgeRequest;
  testLimits: ResourceLimits;
  compileLimits: ResourceLimits;
  /** The language's compiler cache entry, as the sandbox sees it. */
  compilerCacheDir?: string;
}): ProgramJob {
  const { language, toolchain, request, testLimits, compileLimits } = options;
  const declared = language.entryPoint?.(request.source);
  const sourceFile = declared?.sourceFile ?? language.sourceFile;
  const entry = { sourceFile, main: declared?.main ?? sourceFile.replace(/\.[^.]+$/, "") };
  const values = (limits: ResourceLimits) => ({
    file: entry.sourceFile,
    main: entry.main,
    memoryMiB: String(Math.max(1, Math.floor(limits.memoryBytes / MiB))),
  });
  const steps: CommandStep[] = [];
  if (language.compile) {
    const [compiler, ...args] = expand(language.compile.argv, values(compileLimits), toolchain);
    const cacheDir = options.compilerCacheDir;
    const cached = cacheDir && language.compilerCache ? language.compilerCache.use.map((word) => word.replace("{dir}", cacheDir)) : [];
    steps.push({ kind: "compile", argv: [compiler!, ...cached, ...args], limits: compileLimits });
  }
  const run = expand(language.run, values(testLimits), toolchain);
  for (const test of request.tests) {
    steps.push({
      kind: "test",
      argv: run,
      stdin: test.input,
      ...(test.expected !== undefined ? { expected: test.expected, comparison: request.comparison ?? { mode: "tokens" } } : {}),
      limits: testLimits,
    });
  }
  return {
    files: { [entry.sourceFile]: request.source },
    env: { ...language.env },
    addressSpaceHeadroom: language.addressSpaceHeadroom ?? 0,
    largeStack: language.largeStack ?? false,
    outOfMemory: language.outOfMemory ?? null,
    stopAtFirstFailure: request.stopAtFirstFailure ?? true,
    steps,
  };
}
