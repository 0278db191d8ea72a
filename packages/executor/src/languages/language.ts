import type { LanguageDeclaration } from "@cg/languages";

/**
 * A language as the executor runs it: its declaration in the language catalog (`@cg/languages`),
 * plus, where the entry point or even the file name depends on the source (Java's public class,
 * the class holding Kotlin's `main`), how to find them. Without `sourceFile`, the file keeps the
 * declared one.
 */
export interface LanguageDefinition extends LanguageDeclaration {
  readonly entryPoint?: (source: string) => { sourceFile?: string; main: string };
}
