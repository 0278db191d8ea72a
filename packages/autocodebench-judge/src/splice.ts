/**
 * How AutoCodeBench's execution service joins a solution (`func_code`) with a test program
 * (`main_code`) before running it. The rules are AutoCodeBench's, language by language, including
 * their quirks: a verdict on the joined program agrees with AutoCodeBench's only if the program is
 * the same. Where AutoCodeBench leaves an order unspecified (a set of imports), it is sorted.
 */

/** AutoCodeBench's own name of a language, after its alias table: `c#`, `shell`, `cpp`, ... */
export type SpliceLanguage = string;

type Splicer = (code: string, tests: string) => string;

const SPLICERS: Readonly<Record<string, Splicer>> = {
  php: splicePhp,
  racket: spliceRacket,
  "c#": spliceCsharp,
  dart: (code, tests) => spliceHoistedImports(code, tests, DART_IMPORT),
  kotlin: (code, tests) => spliceHoistedImports(code, tests, KOTLIN_IMPORT),
  javascript: spliceJavascript,
  go: spliceGo,
  cpp: spliceCpp,
  java: spliceJava,
  swift: spliceSwift,
};

/** Joins a solution and its tests as AutoCodeBench does for `language` (its universal name). */
export function spliceAutoCodeBench(language: SpliceLanguage, code: string, tests: string): string {
  const splicer = SPLICERS[language];
  return splicer ? splicer(code, tests) : `${code}\n${tests}`;
}

function lines(text: string): string[] {
  return text.split("\n");
}

/** The solution loses its closing tags and gains an opening one; the tests lose their opening tags. */
function splicePhp(code: string, tests: string): string {
  let body = code.replaceAll("?>", "").trim();
  if (!body.startsWith("<?php")) body = `<?php\n${body}`;
  return `${body.trim()}\n${tests.replaceAll("<?php", "").trim()}\n`;
}

/** One `#lang` line (the solution's first, or `#lang racket`), then both bodies without theirs. */
function spliceRacket(code: string, tests: string): string {
  const langLine = code.split(/\r\n|\r|\n/).find((line) => line.trim().startsWith("#lang"))?.trim() ?? "#lang racket";
  const withoutLang = (text: string) =>
    text
      .split(/\r\n|\r|\n/)
      .filter((line) => !line.trim().startsWith("#lang"))
      .join("\n")
      .trimEnd();
  return `${langLine}\n\n${withoutLang(code)}\n\n${withoutLang(tests)}\n`;
}

const DART_IMPORT = /^\s*import\s+[^;]+;/;
// Kotlin imports have no semicolon: a whole line without one.
const KOTLIN_IMPORT = /^\s*import\s+[^;]+$/;

/** Imports of both parts, deduplicated and sorted, above the solution and then the tests. */
function spliceHoistedImports(code: string, tests: string, importLine: RegExp): string {
  const imports = new Set<string>();
  const strip = (text: string) => {
    const kept: string[] = [];
    for (const line of lines(text)) {
      const match = importLine.exec(line);
      if (match) imports.add(match[0].trim());
      else kept.push(line);
    }
    return kept.join("\n").trim();
  };
  const body = `${strip(code)}\n\n${strip(tests)}`;
  const block = imports.size > 0 ? `${[...imports].sort().join("\n")}\n\n` : "";
  return block + body;
}

const CSHARP_USING = /^\s*using\s+[^;]+;/;

/**
 * Usings hoisted and deduplicated; a `static` member without an access modifier made public; and,
 * when no `static void Main(` exists, the tests' `static void RunTests(` renamed to `Main`.
 */
function spliceCsharp(code: string, tests: string): string {
  let merged = spliceHoistedImports(code, tests, CSHARP_USING);
  merged = lines(merged)
    .map((line) => (/^\s*(public|private|protected|internal)\s+static\b/.test(line) ? line : line.replace(/^\s*static\b/, "    public static")))
    .join("\n");
  const hasMain = /^\s*(public\s+)?static\s+void\s+Main\s*\(/m.test(merged);
  if (!hasMain && /^\s*(public\s+)?static\s+void\s+RunTests\s*\(/m.test(merged)) {
    merged = merged.replace(/(\s*)(public\s+)?static\s+void\s+RunTests\s*\(/g, (_all, space: string, visibility: string | undefined) => `${space}${visibility ?? ""}static void Main(`);
  }
  return merged;
}

/** Joined, then a call to `demoTesting()` or `fullTesting()` appended when the tests define one and do not call it last. */
function spliceJavascript(code: string, tests: string): string {
  const merged = `${code}\n${tests}`;
  for (const entry of ["demoTesting", "fullTesting"]) {
    if (definesJavascriptFunction(merged, entry)) {
      return new RegExp(`\\n\\n${entry}\\s*\\(\\s*\\)\\s*$`).test(merged) ? merged : `${merged}\n\n${entry}()`;
    }
  }
  return merged;
}

function definesJavascriptFunction(code: string, name: string): boolean {
  return [
    `function\\s+${name}\\s*\\(`,
    `(?:const|let|var)\\s+${name}\\s*=\\s*function\\s*\\(`,
    `${name}\\s*=\\s*function\\s*\\(`,
    `(?:const|let|var)\\s+${name}\\s*=\\s*\\(`,
    `${name}\\s*=\\s*\\(`,
  ].some((pattern) => new RegExp(pattern).test(code));
}

const GO_IMPORT = /import\s*(?:\(([\s\S]*?)\)|"([^"]+)")/g;

/**
 * One `package main`, one import block of every path either part imports, the solution, the
 * tests, and a `main` calling `demoTesting`/`fullTesting` when the tests are not `go test`
 * functions and nothing declares `main`; imports then unused are dropped.
 */
function spliceGo(code: string, tests: string): string {
  const paths = new Set<string>();
  for (const part of [code, tests]) {
    for (const match of part.matchAll(GO_IMPORT)) {
      for (const group of [match[1], match[2]]) {
        for (const line of (group ?? "").split("\n")) {
          const path = line.trim();
          if (path === "" || path.startsWith("//")) continue;
          const cleaned = path.replaceAll('"', "").replaceAll(";", "").trim();
          if (cleaned !== "") paths.add(cleaned);
        }
      }
    }
  }
  const importBlock = paths.size > 0 ? `import (\n${[...paths].sort().map((path) => `    "${path}"\n`).join("")})` : "";
  const clean = (text: string) => text.replace(/import\s*(?:\([\s\S]*?\)|"[^"]+")\s*/g, "").replaceAll("package main", "").trim();
  let merged = `package main\n${importBlock}\n\n${clean(code)}\n\n${clean(tests)}`;
  if (!/func\s+Test\w+/.test(tests) && !/func\s+main\s*\(/.test(merged)) {
    if (/func\s+demoTesting\s*\(/.test(merged)) merged += "\n\nfunc main() {demoTesting()}";
    else if (/func\s+fullTesting\s*\(/.test(merged)) merged += "\n\nfunc main() {fullTesting()}";
  }
  return removeUnusedGoImports(merged);
}

/** Drops imported packages whose last path element never appears as a word outside the imports. */
function removeUnusedGoImports(source: string): string {
  const imports: Array<{ start: number; end: number; grouped: boolean; content: string }> = [];
  for (const match of source.matchAll(/import\s*\(([\s\S]*?)\)/g)) imports.push({ start: match.index, end: match.index + match[0].length, grouped: true, content: match[1]! });
  for (const match of source.matchAll(/import\s+"([^"]+)"/g)) imports.push({ start: match.index, end: match.index + match[0].length, grouped: false, content: match[1]! });
  if (imports.length === 0) return source;
  imports.sort((a, b) => a.start - b.start);

  let blanked = source;
  for (const { start, end } of imports) blanked = blanked.slice(0, start) + " ".repeat(end - start) + blanked.slice(end);
  const used = (path: string) => {
    const name = path.split("/").pop()!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<!\\w)${name}(?!\\w)`).test(blanked);
  };

  let result = "";
  let last = 0;
  for (const { start, end, grouped, content } of imports) {
    result += source.slice(last, start);
    if (grouped) {
      const kept = content
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => {
          const path = /"([^"]+)"/.exec(line)?.[1];
          return line !== "" && path !== undefined && used(path);
        });
      if (kept.length > 0) result += `import (\n${kept.map((line) => `    ${line}\n`).join("")})`;
    } else if (used(content)) {
      result += `import "${content}"`;
    }
    last = end;
  }
  return result + source.slice(last);
}

/** The solution up to its first `int main`, the tests, and `<iostream>` with `using namespace std` on top. */
function spliceCpp(code: string, tests: string): string {
  const solution = code.trim().split("int main")[0]!;
  return `#include <iostream>\nusing namespace std;\n${solution}\n${tests}`;
}

/**
 * Every class made package-private (the file is not named after any of them), `package` lines
 * dropped, and the `import` lines of both parts, deduplicated, on top.
 */
function spliceJava(code: string, tests: string): string {
  const solution = code.replaceAll("public class", "class").replaceAll("private class", "class").replaceAll("protected class", "class");
  const isImport = (line: string) => line.startsWith("import ");
  const body = (text: string) =>
    lines(text)
      .filter((line) => !isImport(line) && !line.startsWith("package "))
      .join("\n");
  const imports = new Set([...lines(solution).filter(isImport), ...lines(tests).filter(isImport)]);
  return `${[...imports].sort().join("\n")}\n${body(solution)}\n${body(tests)}`;
}

const SWIFT_MATH = ["pow", "sin", "exp", "cos", "sqrt", "NSDictionary", "NSDecimalSquareRoot"];

/** Foundation and Glibc imported when the solution names a math function without importing them. */
function spliceSwift(code: string, tests: string): string {
  let solution = code;
  if (SWIFT_MATH.some((name) => solution.includes(name))) {
    let imports = "";
    if (!solution.includes("import Foundation")) imports += "import Foundation\n";
    if (!solution.includes("import Glibc")) imports += "import Glibc\n";
    solution = `${imports}\n${solution}`;
  }
  return `${solution}\n${tests}`;
}
