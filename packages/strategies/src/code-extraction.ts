import { fenceTags } from "@cg/languages";
import { splitThinking } from "@cg/models";

export interface ExtractCodeOptions {
  /** Prefer the last block that defines this function over later blocks (e.g. an example-usage block). */
  entryPoint?: string;
}

interface CodeBlock {
  /** Lower-cased language tag; "" when the block has none. */
  language: string;
  body: string;
  /** False for a block cut off before its closing fence, typically by the token limit. */
  complete: boolean;
}

/**
 * The code in a model's answer, or "" when there is none.
 *
 * Order of preference: complete fenced blocks tagged with the language (else untagged ones), the
 * last of them, or the last that defines `entryPoint`; then a block cut off by the token limit;
 * then code written without fences. Inline `<think>` reasoning is ignored.
 */
export function extractCode(text: string, language: string, options: ExtractCodeOptions = {}): string {
  const answer = splitThinking(text.replace(/\r\n?/g, "\n")).text;
  const tags = fenceTags(language);
  const blocks = codeBlocks(answer).filter((block) => block.body.trim() !== "");
  const matching = (block: CodeBlock) => tags.includes(block.language);

  const complete = blocks.filter((block) => block.complete);
  const tagged = complete.filter(matching);
  const pool = tagged.length > 0 ? tagged : complete.filter((block) => block.language === "");
  if (pool.length > 0) {
    const { entryPoint } = options;
    const defining = entryPoint ? pool.filter((block) => definesFunction(block.body, entryPoint)) : [];
    const chosen = defining.at(-1) ?? pool.at(-1);
    return chosen ? trimBlankLines(chosen.body) : "";
  }

  const truncated = blocks.find((block) => !block.complete && (matching(block) || block.language === ""));
  if (truncated) return trimBlankLines(truncated.body);

  return unfencedCode(withoutCodeBlocks(answer));
}

/** Whether `code` defines `name` as a function (at any indentation). */
export function definesFunction(code: string, name: string): boolean {
  return new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${escapeRegExp(name)}[ \\t]*\\(`, "m").test(code);
}

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*\{?\.?([\w+#.-]*)\}?.*$/;

function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [...taggedSpans(text)];
  const lines = text.split("\n");
  let open: { indent: string; fence: string; language: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (!open) {
      const match = FENCE_OPEN.exec(line);
      if (match) open = { indent: match[1] ?? "", fence: match[2] ?? "```", language: (match[3] ?? "").toLowerCase(), lines: [] };
      continue;
    }
    if (closesFence(line, open.fence)) {
      blocks.push({ language: open.language, body: dedentBy(open.lines, open.indent), complete: true });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  if (open) blocks.push({ language: open.language, body: dedentBy(open.lines, open.indent), complete: false });
  return blocks;
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  const char = fence[0] ?? "`";
  return trimmed.length >= fence.length && [...trimmed].every((c) => c === char);
}

/** `[PYTHON]...[/PYTHON]` spans, the format some code models were trained to answer in. */
function taggedSpans(text: string): CodeBlock[] {
  return [...text.matchAll(/\[(PYTHON)\]([\s\S]*?)\[\/\1\]/gi)].map((match) => ({
    language: (match[1] ?? "").toLowerCase(),
    body: match[2] ?? "",
    complete: true,
  }));
}

/** Removes the fence's own indentation, as when a block is nested in a list item. */
function dedentBy(lines: string[], indent: string): string {
  return lines.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())).join("\n");
}

/** The text with every fenced block removed. */
export function withoutCodeBlocks(text: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    if (fence === undefined) {
      const match = FENCE_OPEN.exec(line);
      if (match) fence = match[2];
      else kept.push(line);
    } else if (closesFence(line, fence)) {
      fence = undefined;
    }
  }
  return kept.join("\n");
}

/** A line that can only start a program: a definition, an import, a decorator, a main guard. */
const PROGRAM_START = /^(?:(?:async\s+)?def\s|class\s|import\s|from\s+[\w.]+\s+import\s|@\w|if\s+__name__\s*==|#!)/;

/** A top-level line that reads as Python rather than prose (keywords are lower-case, prose is not). */
const CODE_LINE =
  /^(?:#|@|[)\]}]|(?:def|class|import|from|return|if|elif|else|for|while|try|except|finally|with|print|assert|raise|pass|break|continue|async|await|global|nonlocal|lambda|yield|del)\b|[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*(?:=|\+=|-=|\*=|\/=|\()|[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)+\s*=)/;

/**
 * Code given without fences: from the first line that starts a program (or the first indented
 * line, for a bare function body) up to the first unindented line of prose.
 */
function unfencedCode(text: string): string {
  const lines = text.split("\n");
  const nonBlank = lines.filter((line) => line.trim() !== "");
  if (nonBlank.length > 0 && nonBlank.every((line) => /^\s/.test(line) || CODE_LINE.test(line))) return trimBlankLines(text);

  const start = lines.findIndex((line) => PROGRAM_START.test(line) || /^[ \t]+\S/.test(line));
  if (start === -1) return "";
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end] ?? "";
    if (line.trim() !== "" && !/^\s/.test(line) && !CODE_LINE.test(line)) break;
    end += 1;
  }
  return trimBlankLines(lines.slice(start, end).join("\n"));
}

function trimBlankLines(code: string): string {
  return code.replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
