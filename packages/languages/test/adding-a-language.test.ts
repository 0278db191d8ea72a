import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Catalog from "../src";

const source = fileURLToPath(new URL("../src", import.meta.url));

const LUA = `import { defineLanguage } from "../declaration";

export const lua = defineLanguage({
  id: "lua",
  name: "Lua",
  aliases: ["lua5.4"],
  extraFenceTags: ["luajit"],
  sourceFile: "main.lua",
  run: ["lua5.4", "{file}"],
  toolchain: { version: ["lua5.4", "-v"], packages: ["lua5.4"] },
});
`;

/** What a contributor adds to the registry: the new file's import and its entry in the list. */
function register(registry: string): string {
  const withImport = registry.replace('import { typescript } from "./typescript";\n', '$&import { lua } from "./lua";\n');
  const withEntry = withImport.replace("  julia,\n", "$&  lua,\n");
  expect(withEntry.split("\n").length - registry.split("\n").length).toBe(2);
  return withEntry;
}

/**
 * The promise of docs/contributing.md: a language is one declaration file plus its registration,
 * and nothing else in the package changes. A copy of the package's source gets both; its catalog
 * and the lookups derived from it then know the language, and its `Language` type names it.
 */
describe("adding a language", () => {
  let copy: string;
  let catalog: typeof Catalog;

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), "cg-languages-"));
    cpSync(source, join(copy, "src"), { recursive: true });
    writeFileSync(join(copy, "src/languages/lua.ts"), LUA);
    const registry = join(copy, "src/languages/index.ts");
    writeFileSync(registry, register(readFileSync(registry, "utf8")));
    catalog = (await import(pathToFileURL(join(copy, "src/index.ts")).href)) as typeof Catalog;
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("lists it after the others", () => {
    expect(catalog.LANGUAGES.map((language) => language.id).slice(-2)).toEqual(["julia", "lua"]);
    expect(catalog.isLanguage("lua")).toBe(true);
  });

  it("finds it by id and alias, names it and knows its fence tags", () => {
    expect(catalog.lookupLanguage("LUA")?.sourceFile).toBe("main.lua");
    expect(catalog.lookupLanguage("lua5.4")?.id).toBe("lua");
    expect(catalog.languageName("lua")).toBe("Lua");
    expect(catalog.fenceTags("lua")).toEqual(["lua", "lua5.4", "luajit"]);
    expect(catalog.lookupLanguage("python")?.name).toBe("Python");
  });

  it("adds its id to the Language type", () => {
    const check = join(copy, "check.ts");
    writeFileSync(check, 'import type { Language } from "./src";\nexport const added: Language = "lua";\n// @ts-expect-error: only declared ids are languages\nexport const unknown: Language = "cobol";\n');
    const program = ts.createProgram([check], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  });
});
