import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { text } from "node:stream/consumers";
import {
  DEFAULT_LIMITS,
  EXECUTION_STATUSES,
  ExecutionPool,
  findLanguage,
  judgeBatch,
  parseProgramBatch,
  type BatchVerdict,
  type ExecutionStatus,
  type OutputComparison,
  type ResourceLimits,
} from "@cg/executor";
import type { Command } from "commander";
import { parsePositiveInt, parsePositiveNumber, parseSandbox, requireFile } from "../options";
import { UsageError } from "../usage-error";
import { formatVerdict } from "../verdict-text";

interface ExecFlags {
  language?: string;
  stdin?: string;
  expected?: string;
  comparison?: OutputComparison;
  timeLimit?: number;
  memoryLimit?: number;
  outputLimit?: number;
  json: boolean;
  batch?: string;
  concurrency?: number;
  output?: string;
  sandbox: "bubblewrap" | "process";
}

const MiB = 1024 * 1024;
/** Names `-` stands for when it is read. */
const STANDARD_INPUT = "-";

export function registerExec(program: Command): void {
  program
    .command("exec")
    .description("run an untrusted program in the sandbox and print its verdict (exit 0 when it passed, 1 when not); or a batch of them")
    .argument("[program]", "source file of the program, or - to read it from standard input")
    .option("--language <id>", "the program's language: an id or alias such as python, cpp, c++, java, js (see: cg doctor)")
    .option("--stdin <file>", "file given to the program on standard input (- for this command's standard input)")
    .option("--expected <file>", "expected standard output: the program passes only if its output matches")
    .option("--comparison <mode>", "how output is compared with the expected output: tokens (default), exact or float", parseComparison)
    .option("--time-limit <seconds>", `wall-time limit of the run (default: ${DEFAULT_LIMITS.wallSeconds})`, parsePositiveNumber("--time-limit"))
    .option("--memory-limit <MiB>", `memory limit of the run (default: ${DEFAULT_LIMITS.memoryBytes / MiB})`, parsePositiveInt("--memory-limit"))
    .option(
      "--output-limit <MiB>",
      `largest output or file the program may write; past it the verdict is output_limit (default: ${DEFAULT_LIMITS.fileBytes / MiB})`,
      parsePositiveInt("--output-limit"),
    )
    .option("--json", "print the verdict as one JSON object, the JudgeResult of @cg/executor", false)
    .option("--batch <file>", "run the programs of a JSON Lines file instead, one {id?, language, source, stdin?, expected?, comparison?, limits?} per line (- for standard input)")
    .option("--concurrency <count>", "with --batch: programs run at once, one sandbox each (default: number of cores)", parsePositiveInt("--concurrency"))
    .option("--output <file>", "with --batch: write the verdicts (JSON Lines) to this file instead of standard output")
    .option("--sandbox <kind>", "bubblewrap, or the weaker process sandbox", parseSandbox, "bubblewrap")
    .action(async (file: string | undefined, flags: ExecFlags) => {
      if (flags.batch === undefined) await execOne(file, flags);
      else await execBatch(flags.batch, file, flags);
    });
}

async function execOne(file: string | undefined, flags: ExecFlags): Promise<void> {
  if (file === undefined) throw new UsageError("cg exec needs a program: a source file, or - to read it from standard input (or --batch FILE)");
  if (flags.language === undefined) throw new UsageError("cg exec needs --language to run one program, e.g. --language python");
  if (flags.concurrency !== undefined || flags.output !== undefined) throw new UsageError("--concurrency and --output apply to --batch only");
  if (file === STANDARD_INPUT && flags.stdin === STANDARD_INPUT) throw new UsageError("the program and --stdin cannot both be read from standard input");
  if (flags.comparison !== undefined && flags.expected === undefined) throw new UsageError("--comparison says how to compare with --expected; give --expected FILE too");
  const language = findLanguage(flags.language);
  const source = await readInput(file, "program file");
  const input = flags.stdin === undefined ? "" : await readInput(flags.stdin, "--stdin file");
  const expected = flags.expected === undefined ? undefined : await readInput(flags.expected, "--expected file");
  const limits = limitsFrom(flags);

  const pool = await ExecutionPool.create({ kind: flags.sandbox, workers: 1, languages: [language.id] });
  try {
    const result = await pool.judge({
      language,
      source,
      tests: [{ input, ...(expected === undefined ? {} : { expected }) }],
      ...(flags.comparison === undefined ? {} : { comparison: flags.comparison }),
      limits,
    });
    process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatVerdict(result)}\n`);
    process.exitCode = result.passed ? 0 : 1;
  } finally {
    await pool.close();
  }
}

async function execBatch(batchFile: string, file: string | undefined, flags: ExecFlags): Promise<void> {
  if (file !== undefined) throw new UsageError(`--batch runs the programs of its file; drop the program argument "${file}"`);
  if (flags.language !== undefined || flags.stdin !== undefined || flags.expected !== undefined) {
    throw new UsageError("--language, --stdin and --expected describe one program; with --batch each line gives its own language, stdin and expected");
  }
  const label = batchFile === STANDARD_INPUT ? "standard input" : batchFile;
  const programs = parseProgramBatch(await readInput(batchFile, "batch file"), label, {
    limits: limitsFrom(flags),
    ...(flags.comparison === undefined ? {} : { comparison: flags.comparison }),
  });
  const languages = [...new Set(programs.map((p) => p.request.language.id))];
  const output = openVerdictOutput(flags.output);
  const counts = new Map<ExecutionStatus, number>();
  try {
    const pool = await ExecutionPool.create({ kind: flags.sandbox, workers: flags.concurrency, languages });
    try {
      await judgeBatch(pool, programs, {
        // Twice the sandboxes, so that a sandbox never waits while the next program is prepared.
        concurrency: pool.size * 2,
        onVerdict: (verdict: BatchVerdict) => {
          output.write(`${JSON.stringify(verdict)}\n`);
          counts.set(verdict.status, (counts.get(verdict.status) ?? 0) + 1);
        },
      });
    } finally {
      await pool.close();
    }
  } finally {
    output.close();
  }
  const tally = EXECUTION_STATUSES.filter((status) => counts.has(status)).map((status) => `${counts.get(status)} ${status}`);
  const summary = `${programs.length} program${programs.length === 1 ? "" : "s"}: ${tally.join(", ")}\n`;
  // Standard output carries the verdicts unless they went to a file.
  if (flags.output === undefined) process.stderr.write(summary);
  else process.stdout.write(`${summary}verdicts: ${flags.output}\n`);
  process.exitCode = counts.get("passed") === programs.length ? 0 : 1;
}

function limitsFrom(flags: ExecFlags): Partial<ResourceLimits> {
  return {
    ...(flags.timeLimit === undefined ? {} : { wallSeconds: flags.timeLimit }),
    ...(flags.memoryLimit === undefined ? {} : { memoryBytes: flags.memoryLimit * MiB }),
    ...(flags.outputLimit === undefined ? {} : { fileBytes: flags.outputLimit * MiB }),
  };
}

/** A file's text, or this command's standard input for `-`. */
async function readInput(path: string, what: string): Promise<string> {
  if (path === STANDARD_INPUT) return text(process.stdin);
  try {
    return readFileSync(requireFile(path, what), "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/**
 * Where batch verdicts go: a file (replaced) or standard output. Each line is one write that
 * reaches the file at once, so the verdicts of a batch that is stopped are kept.
 */
function openVerdictOutput(path: string | undefined): { write(line: string): void; close(): void } {
  if (path === undefined) return { write: (line) => process.stdout.write(line), close: () => undefined };
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw new UsageError(`cannot write --output ${path}: ${(error as Error).message}`);
  }
  return { write: (line) => writeSync(fd, line), close: () => closeSync(fd) };
}

function parseComparison(value: string): OutputComparison {
  if (value !== "tokens" && value !== "exact" && value !== "float") throw new UsageError(`--comparison must be tokens, exact or float, got "${value}"`);
  return { mode: value };
}
