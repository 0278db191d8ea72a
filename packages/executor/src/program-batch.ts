import { z } from "zod";
import { UnknownLanguageError } from "./errors";
import { findLanguage } from "./languages";
import type { LanguageDefinition } from "./languages/language";
import type { JudgeRequest, OutputComparison, ResourceLimits } from "./types";

const limitsSchema = z.strictObject({
  wallSeconds: z.number().positive().optional(),
  cpuSeconds: z.number().positive().optional(),
  memoryBytes: z.number().int().positive().optional(),
  processes: z.number().int().positive().optional(),
  fileBytes: z.number().int().positive().optional(),
  outputBytes: z.number().int().positive().optional(),
});

const comparisonSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("tokens") }),
  z.strictObject({ mode: z.literal("exact") }),
  z.strictObject({
    mode: z.literal("float"),
    absoluteTolerance: z.number().min(0).optional(),
    relativeTolerance: z.number().min(0).optional(),
  }),
]);

/** One line of a program batch: a program, its input, and optionally the output it must print. */
export const programBatchLineSchema = z.strictObject({
  /** The caller's name for the program, copied into its verdict. */
  id: z.string().min(1).optional(),
  /** A language id or alias (see `LANGUAGES`). */
  language: z.string().min(1),
  source: z.string(),
  stdin: z.string().optional(),
  /** Expected standard output; without it the program passes when it exits with status 0. */
  expected: z.string().optional(),
  comparison: comparisonSchema.optional(),
  limits: limitsSchema.optional(),
});
export type ProgramBatchLine = z.infer<typeof programBatchLineSchema>;

/** A program of a batch, ready to judge. */
export interface BatchProgram {
  /** 1-based line of the batch it came from. */
  line: number;
  id?: string;
  request: JudgeRequest & { language: LanguageDefinition };
}

/** Settings of the whole batch, which a line's own fields override. */
export interface ProgramBatchDefaults {
  limits?: Partial<ResourceLimits>;
  comparison?: OutputComparison;
}

/** What is wrong with one line of a batch. */
export interface BatchLineProblem {
  line: number;
  message: string;
}

const LINE_SHAPE = `{"id"?, "language", "source", "stdin"?, "expected"?, "comparison"?, "limits"?}`;

/** A program batch that cannot be run: invalid lines (each named), or no program at all. Nothing of it has run. */
export class ProgramBatchError extends Error {
  override readonly name = "ProgramBatchError";
  constructor(
    readonly source: string,
    readonly problems: readonly BatchLineProblem[],
  ) {
    super(problems.length === 0 ? `${source} holds no programs; write one JSON object ${LINE_SHAPE} per line` : describeProblems(source, problems));
  }
}

function describeProblems(source: string, problems: readonly BatchLineProblem[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${source}:${p.line}: ${p.message}`);
  const more = problems.length - shown.length;
  return [
    `${problems.length} invalid line${problems.length === 1 ? "" : "s"} in ${source}, so nothing was run; each line must be a JSON object ${LINE_SHAPE}:`,
    ...shown,
    ...(more > 0 ? [`... and ${more} more`] : []),
  ].join("\n");
}

const MAX_PROBLEMS_SHOWN = 20;

/**
 * Reads a batch written as JSON Lines (blank lines are skipped). Every line is checked before
 * any is returned, so that a batch with a bad line fails as a whole, naming each bad line and
 * field, before anything runs.
 */
export function parseProgramBatch(text: string, source: string, defaults: ProgramBatchDefaults = {}): BatchProgram[] {
  const programs: BatchProgram[] = [];
  const problems: BatchLineProblem[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    if (raw.trim() === "") continue;
    const line = index + 1;
    const parsed = parseLine(raw);
    if ("problem" in parsed) {
      problems.push({ line, message: parsed.problem });
      continue;
    }
    const { id, language, source: program, stdin, expected, comparison, limits } = parsed.value;
    const definition = languageOf(language);
    if (typeof definition === "string") {
      problems.push({ line, message: `language: ${definition}` });
      continue;
    }
    const limitsOfLine = { ...defaults.limits, ...limits };
    const comparisonOfLine = comparison ?? defaults.comparison;
    programs.push({
      line,
      ...(id === undefined ? {} : { id }),
      request: {
        language: definition,
        source: program,
        tests: [{ input: stdin ?? "", ...(expected === undefined ? {} : { expected }) }],
        ...(comparisonOfLine === undefined ? {} : { comparison: comparisonOfLine }),
        ...(Object.keys(limitsOfLine).length === 0 ? {} : { limits: limitsOfLine }),
      },
    });
  }
  if (problems.length > 0) throw new ProgramBatchError(source, problems);
  if (programs.length === 0) throw new ProgramBatchError(source, []);
  return programs;
}

function parseLine(raw: string): { value: ProgramBatchLine } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = programBatchLineSchema.safeParse(json);
  if (parsed.success) return { value: parsed.data };
  return { problem: parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ") };
}

/** The language's definition, or why there is none. */
function languageOf(name: string): LanguageDefinition | string {
  try {
    return findLanguage(name);
  } catch (error) {
    if (error instanceof UnknownLanguageError) return error.message;
    throw error;
  }
}
