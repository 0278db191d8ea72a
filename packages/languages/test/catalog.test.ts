import { describe, expect, expectTypeOf, it } from "vitest";
import { fenceTags, isLanguage, LANGUAGES, languageName, lookupLanguage, type Language } from "../src";

/** Every name or tag the catalog derives, with the languages that claim it. */
function claims(namesOf: (language: (typeof LANGUAGES)[number]) => readonly string[]): Map<string, string[]> {
  const claimed = new Map<string, string[]>();
  for (const language of LANGUAGES) {
    for (const name of new Set(namesOf(language).map((n) => n.toLowerCase()))) claimed.set(name, [...(claimed.get(name) ?? []), language.id]);
  }
  return claimed;
}

const shared = (claimed: Map<string, string[]>) => [...claimed].filter(([, ids]) => ids.length > 1);

describe("the language catalog", () => {
  it("derives the Language union from the declarations", () => {
    expectTypeOf<Language>().toEqualTypeOf<
      | "python" | "javascript" | "typescript" | "c" | "cpp" | "java" | "go" | "rust" | "csharp" | "php" | "ruby"
      | "bash" | "kotlin" | "scala" | "elixir" | "perl" | "r" | "racket" | "swift" | "dart" | "julia"
    >();
    expect(LANGUAGES.map((language) => language.id)).toEqual([
      "python", "javascript", "typescript", "c", "cpp", "java", "go", "rust", "csharp", "php", "ruby",
      "bash", "kotlin", "scala", "elixir", "perl", "r", "racket", "swift", "dart", "julia",
    ]);
  });

  it("gives every id and alias to one language only", () => {
    expect(shared(claims((language) => [language.id, ...language.aliases]))).toEqual([]);
  });

  it("gives every fence tag to one language only", () => {
    expect(shared(claims((language) => fenceTags(language.id)))).toEqual([]);
  });

  it("names each language's AutoCodeBench spelling among its own names, once", () => {
    for (const language of LANGUAGES.filter((l) => l.autoCodeBench !== undefined)) {
      expect(lookupLanguage(language.autoCodeBench!)?.id, language.id).toBe(language.id);
    }
    expect(shared(claims((language) => (language.autoCodeBench ? [language.autoCodeBench] : [])))).toEqual([]);
  });

  it("installs each toolchain from Debian packages or names an official installer", () => {
    for (const language of LANGUAGES) {
      const { packages, install } = language.toolchain;
      expect(packages.length > 0 || Boolean(install?.trim()), language.id).toBe(true);
    }
  });

  it("finds a language by id or alias, whatever the case", () => {
    expect(lookupLanguage("cpp")?.name).toBe("C++");
    expect(lookupLanguage("C++")?.id).toBe("cpp");
    expect(lookupLanguage(" Golang ")?.id).toBe("go");
    expect(lookupLanguage("c_sharp")?.id).toBe("csharp");
    expect(lookupLanguage("cobol")).toBeUndefined();
    expect(isLanguage("csharp")).toBe(true);
    expect(isLanguage("cs")).toBe(false);
  });

  it("names a language for prompts, and leaves an unknown name as it is", () => {
    expect(languageName("csharp")).toBe("C#");
    expect(languageName("sh")).toBe("Bash");
    expect(languageName("cobol")).toBe("cobol");
  });

  it("accepts as fence tags a language's id, aliases and the tags models write for it", () => {
    expect(fenceTags("rust")).toEqual(["rust", "rs", "rustc"]);
    expect(fenceTags("javascript")).toEqual(["javascript", "js", "node", "nodejs", "jsx", "mjs"]);
    expect(fenceTags("CS")).toEqual(["csharp", "cs", "c#", "mono", "c_sharp"]);
    expect(fenceTags("COBOL")).toEqual(["cobol"]);
    expect(lookupLanguage("jsx")).toBeUndefined();
  });
});
