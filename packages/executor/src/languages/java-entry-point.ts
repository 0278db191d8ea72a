import { blankCommentsAndLiterals } from "./source-scan";

/**
 * Where a Java program must be written and which class to run. javac requires a public top-level
 * class to live in a file of its name, and the class holding `main` is not always that one
 * (MultiPL-E's programs declare a package-private `class Problem`).
 */
export function javaEntryPoint(source: string): { sourceFile: string; main: string } {
  const code = blankCommentsAndLiterals(source);
  const types = topLevelTypes(code);
  const publicType = types.find((type) => type.isPublic);
  const mainAt = code.search(/\bstatic\s+(?:final\s+)?void\s+main\s*\(/);
  const holder = mainAt >= 0 ? types.find((type) => type.start <= mainAt && mainAt < type.end) : undefined;
  const main = holder?.name ?? publicType?.name ?? "Main";
  return { sourceFile: `${publicType?.name ?? main}.java`, main };
}

interface TopLevelType {
  name: string;
  isPublic: boolean;
  start: number;
  end: number;
}

/** Top-level classes, interfaces, enums and records, with the extent of their bodies. */
function topLevelTypes(code: string): TopLevelType[] {
  const types: TopLevelType[] = [];
  const declaration = /\b((?:(?:public|final|abstract|sealed|non-sealed|strictfp)\s+)*)(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/g;
  let depth = 0;
  let scanned = 0;
  for (let match = declaration.exec(code); match; match = declaration.exec(code)) {
    depth += braceBalance(code, scanned, match.index);
    scanned = match.index;
    if (depth !== 0) continue;
    const open = code.indexOf("{", match.index);
    if (open < 0) break;
    const end = matchingBrace(code, open);
    types.push({ name: match[2]!, isPublic: /\bpublic\b/.test(match[1] ?? ""), start: match.index, end });
    depth = 0;
    scanned = end;
    declaration.lastIndex = end;
  }
  return types;
}

function braceBalance(code: string, from: number, to: number): number {
  let balance = 0;
  for (let i = from; i < to; i++) {
    if (code[i] === "{") balance++;
    else if (code[i] === "}") balance--;
  }
  return balance;
}

function matchingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "{") depth++;
    else if (code[i] === "}" && --depth === 0) return i + 1;
  }
  return code.length;
}
