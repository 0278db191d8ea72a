import { z } from "zod";
import { MalformedRecordError } from "./errors";
import type { EvalPlusTask } from "./evalplus-harness";
import { rawJsonMembers } from "./raw-json";

/** The members of an EvalPlus record read here; the inputs stay JSON text for Python to read. */
const evalPlusRecordSchema = z.object({
  task_id: z.string(),
  prompt: z.string(),
  entry_point: z.string(),
  canonical_solution: z.string(),
  atol: z.number().nonnegative(),
});

/**
 * Reads an EvalPlus release (HumanEvalPlus, MbppPlus): one task per line with `base_input` and
 * `plus_input`, lists of argument lists. Errors name the file and line.
 */
export function parseEvalPlusTasks(text: string, file: string, inputConversion: (taskId: string) => string): EvalPlusTask[] {
  const tasks: EvalPlusTask[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line) tasks.push(parseTask(line, file, index + 1, inputConversion));
  }
  return tasks;
}

function parseTask(line: string, file: string, lineNumber: number, inputConversion: (taskId: string) => string): EvalPlusTask {
  let members: Map<string, string>;
  try {
    members = rawJsonMembers(line);
  } catch (error) {
    throw new MalformedRecordError(file, lineNumber, `not a JSON object (${(error as Error).message})`);
  }
  const scalars: Record<string, unknown> = {};
  for (const name of Object.keys(evalPlusRecordSchema.shape)) {
    const raw = members.get(name);
    if (raw === undefined) continue;
    try {
      scalars[name] = JSON.parse(raw);
    } catch (error) {
      throw new MalformedRecordError(file, lineNumber, `"${name}" is not valid JSON (${(error as Error).message})`);
    }
  }
  const parsed = evalPlusRecordSchema.safeParse(scalars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedRecordError(file, lineNumber, `unexpected record shape at "${issue?.path.join(".")}": ${issue?.message}`);
  }
  const inputs = (name: string): string => {
    const raw = members.get(name);
    // Mbpp/793 has `"plus_input": {}`: EvalPlus iterates over it, finding no inputs.
    if (raw !== undefined && /^\{\s*\}$/.test(raw)) return "[]";
    if (raw === undefined || !raw.startsWith("[")) {
      throw new MalformedRecordError(file, lineNumber, `"${name}" must be a list of argument lists`);
    }
    return raw;
  };
  const record = parsed.data;
  return {
    taskId: record.task_id,
    prompt: record.prompt,
    entryPoint: record.entry_point,
    canonicalSolution: record.canonical_solution,
    atol: record.atol,
    inputsJson: { base: inputs("base_input"), plus: inputs("plus_input") },
    inputConversion: inputConversion(record.task_id),
  };
}
