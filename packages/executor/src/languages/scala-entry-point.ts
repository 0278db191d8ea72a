import { blankCommentsAndLiterals, enclosingTopLevelBrace, lastMatchBefore } from "./source-scan";

const DECLARATION = /\b(object|class|trait)\s+([A-Za-z_]\w*)/g;

/**
 * Which object runs a Scala program: the top-level object that declares `def main`, else one that
 * extends `App`, else `Main`.
 */
export function scalaEntryPoint(source: string): { main: string } {
  const code = blankCommentsAndLiterals(source);
  const withMain = [...code.matchAll(/\bdef\s+main\s*\(/g)]
    .map((match) => {
      const brace = enclosingTopLevelBrace(code, match.index);
      const holder = brace === undefined ? undefined : lastMatchBefore(code, brace, DECLARATION);
      return holder?.[1] === "object" ? holder[2] : undefined;
    })
    .find((name) => name !== undefined);
  const app = /\bobject\s+([A-Za-z_]\w*)[^{]*?\b(?:extends|with)\s+App\b/.exec(code)?.[1];
  return { main: withMain ?? app ?? "Main" };
}
