/** How a problem language is named in prompts, and the fence tags a model may write for it. */
interface LanguageNaming {
  name: string;
  tags: readonly string[];
}

const NAMING: Readonly<Record<string, LanguageNaming>> = {
  python: { name: "Python", tags: ["python", "py", "python3", "py3"] },
  javascript: { name: "JavaScript", tags: ["javascript", "js", "node", "nodejs", "jsx", "mjs"] },
  typescript: { name: "TypeScript", tags: ["typescript", "ts", "tsx"] },
  c: { name: "C", tags: ["c"] },
  cpp: { name: "C++", tags: ["cpp", "c++", "cxx", "cc"] },
  java: { name: "Java", tags: ["java"] },
  go: { name: "Go", tags: ["go", "golang"] },
  rust: { name: "Rust", tags: ["rust", "rs"] },
  csharp: { name: "C#", tags: ["csharp", "cs", "c#"] },
  php: { name: "PHP", tags: ["php"] },
  ruby: { name: "Ruby", tags: ["ruby", "rb"] },
  bash: { name: "Bash", tags: ["bash", "sh", "shell"] },
  kotlin: { name: "Kotlin", tags: ["kotlin", "kt", "kts"] },
  scala: { name: "Scala", tags: ["scala", "sc"] },
  swift: { name: "Swift", tags: ["swift"] },
  dart: { name: "Dart", tags: ["dart"] },
  elixir: { name: "Elixir", tags: ["elixir", "ex", "exs"] },
  julia: { name: "Julia", tags: ["julia", "jl"] },
  perl: { name: "Perl", tags: ["perl", "pl"] },
  r: { name: "R", tags: ["r"] },
  racket: { name: "Racket", tags: ["racket", "rkt", "scheme"] },
};

/** Display name of a problem language in prompts (`cpp` → `C++`); an unknown id as it is. */
export function languageName(language: string): string {
  return NAMING[language.toLowerCase()]?.name ?? language;
}

/** Lower-cased fence tags accepted for a language's code; an unknown id accepts itself. */
export function fenceTags(language: string): readonly string[] {
  const id = language.toLowerCase();
  return NAMING[id]?.tags ?? [id];
}
