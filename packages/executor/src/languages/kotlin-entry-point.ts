import { blankCommentsAndLiterals, enclosingTopLevelBrace, lastMatchBefore } from "./source-scan";

const DECLARATION = /\b(?:object|class|interface)\s+([A-Za-z_]\w*)/g;

/**
 * Which class runs a Kotlin program compiled from main.kt. A top-level `fun main` lives in the
 * file's class, `MainKt` (or the name `@file:JvmName` gives it), and is preferred; otherwise a
 * `@JvmStatic fun main` in an object or a companion object runs through the top-level
 * declaration that holds it.
 */
export function kotlinEntryPoint(source: string): { main: string } {
  const code = blankCommentsAndLiterals(source);
  const fileClass = /@file\s*:\s*JvmName\s*\(\s*"([^"]+)"/.exec(source)?.[1] ?? "MainKt";
  const topLevel = [...code.matchAll(/\bfun\s+main\s*\(/g)].some((match) => enclosingTopLevelBrace(code, match.index) === undefined);
  if (topLevel) return { main: fileClass };
  const staticMain = /@JvmStatic\s+(?:public\s+)?fun\s+main\s*\(/.exec(code);
  const brace = staticMain ? enclosingTopLevelBrace(code, staticMain.index) : undefined;
  const holder = brace === undefined ? undefined : lastMatchBefore(code, brace, DECLARATION)?.[1];
  return { main: holder ?? fileClass };
}
