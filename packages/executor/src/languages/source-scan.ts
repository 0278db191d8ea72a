/**
 * Just enough of a scanner for C-family sources (Java, Kotlin, Scala) to find which declaration
 * holds `main`: comments and literals blanked, braces counted.
 */

/** Replaces comments, strings and character literals with spaces, keeping every offset. */
export function blankCommentsAndLiterals(source: string): string {
  return source.replace(
    /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g,
    (match) => match.replace(/[^\n]/g, " "),
  );
}

/** Offset of the top-level `{` whose block encloses `index`, or undefined when `index` is at the top level. */
export function enclosingTopLevelBrace(code: string, index: number): number | undefined {
  let depth = 0;
  let openedAt = -1;
  for (let i = 0; i < index; i++) {
    if (code[i] === "{" && depth++ === 0) openedAt = i;
    else if (code[i] === "}" && depth > 0) depth--;
  }
  return depth === 0 ? undefined : openedAt;
}

/** The last match of `pattern` (global) that ends before `end`: the declaration a block belongs to. */
export function lastMatchBefore(code: string, end: number, pattern: RegExp): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of code.slice(0, end).matchAll(pattern)) last = match;
  return last;
}
