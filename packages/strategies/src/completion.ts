import type { Candidate } from "@cg/datasets";
import { definesFunction } from "./code-extraction.js";

const DEFAULT_BODY_INDENT = "    ";

/**
 * Turns code answering a function-completion prompt (HumanEval style: imports, signature and
 * docstring) into a candidate.
 *
 * - The answer repeats the signature: a `solution` made of the prompt's preamble (imports and
 *   helper functions the answer may rely on without repeating them) followed by the answer, whose
 *   own definitions therefore take precedence.
 * - The answer is only the body: a `completion` that continues the prompt, re-indented to the
 *   prompt's body indentation, whether the model indented it or not.
 * - The prompt does not define `entryPoint` (the problem is posed in prose): the answer as a `solution`.
 */
export function assembleCompletion(prompt: string, code: string, entryPoint: string): Candidate {
  const definition = definitionLine(prompt, entryPoint);
  if (definition === -1) return { kind: "solution", code };
  const promptLines = prompt.replace(/\r\n?/g, "\n").split("\n");

  if (definesFunction(code, entryPoint)) {
    const preamble = withoutRepeatedImports(promptLines.slice(0, definition), code);
    const program = preamble.trim() === "" ? code : `${preamble.trimEnd()}\n\n\n${code}`;
    return { kind: "solution", code: program };
  }

  const body = reindentBody(code.replace(/\r\n?/g, "\n"), bodyIndent(promptLines.slice(definition + 1)));
  const separator = prompt.endsWith("\n") ? "" : "\n";
  return { kind: "completion", code: `${separator}${body}\n` };
}

function definitionLine(prompt: string, entryPoint: string): number {
  const pattern = new RegExp(`^(?:async\\s+)?def\\s+${entryPoint.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\(`);
  return prompt.replace(/\r\n?/g, "\n").split("\n").findIndex((line) => pattern.test(line));
}

/** Drops preamble import lines the answer already has, so the program does not import twice. */
function withoutRepeatedImports(preamble: string[], code: string): string {
  const answerLines = new Set(code.split("\n").map((line) => line.trim()));
  return preamble.filter((line) => !(/^(?:import|from)\s/.test(line) && answerLines.has(line.trim()))).join("\n");
}

/** The indentation of the first non-blank line after the signature (the docstring's). */
function bodyIndent(afterSignature: string[]): string {
  const line = afterSignature.find((candidate) => candidate.trim() !== "");
  const indent = line === undefined ? "" : leadingWhitespace(line);
  return indent === "" ? DEFAULT_BODY_INDENT : indent;
}

/**
 * Shifts the body so its least-indented line sits at `indent`. Top-level code after the body (a
 * helper defined below the function) keeps column 0. A first line that lost its indentation while
 * the rest kept theirs (common in raw completions) is given the indentation of the line after it.
 */
function reindentBody(code: string, indent: string): string {
  const lines = code.replace(/^(?:[ \t]*\n)+/, "").trimEnd().split("\n");
  const first = lines[0] ?? "";
  const rest = lines.slice(1).filter((line) => line.trim() !== "");
  const firstRest = rest[0];
  if (firstRest !== undefined && leadingWhitespace(first) === "" && leadingWhitespace(firstRest) !== "" && !opensBlock(first)) {
    lines[0] = leadingWhitespace(firstRest) + first;
  }

  const bodyEnd = leadingWhitespace(lines[0] ?? "") === "" ? lines.length : topLevelStart(lines);
  const body = lines.slice(0, bodyEnd);
  const tail = lines.slice(bodyEnd);
  const margin = Math.min(...body.filter((line) => line.trim() !== "").map((line) => leadingWhitespace(line).length));
  const shifted = body.map((line) => (line.trim() === "" ? "" : indent + line.slice(Number.isFinite(margin) ? margin : 0)));
  return [...shifted, ...tail].join("\n");
}

/** Index of the first non-blank line at column 0, or the end. */
function topLevelStart(lines: string[]): number {
  const index = lines.findIndex((line) => line.trim() !== "" && leadingWhitespace(line) === "");
  return index === -1 ? lines.length : index;
}

function opensBlock(line: string): boolean {
  return /:\s*(?:#.*)?$/.test(line);
}

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? "";
}
