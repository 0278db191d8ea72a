import { LANGUAGES as CATALOG, lookupLanguage, type Language } from "@cg/languages";
import { UnknownLanguageError } from "../errors";
import { javaEntryPoint } from "./java-entry-point";
import type { LanguageDefinition } from "./language";
import { kotlinEntryPoint } from "./kotlin-entry-point";
import { scalaEntryPoint } from "./scala-entry-point";

/**
 * Entry points read from the source. They are code (a scan of the program's declarations), not
 * data, so they stay here rather than in the catalog, keyed by the language's id.
 */
const ENTRY_POINTS: Partial<Record<Language, LanguageDefinition["entryPoint"]>> = {
  java: javaEntryPoint,
  kotlin: kotlinEntryPoint,
  scala: scalaEntryPoint,
};

/** Every language of the catalog, as the executor runs it. */
export const LANGUAGES: readonly LanguageDefinition[] = CATALOG.map((declared) => {
  const entryPoint = ENTRY_POINTS[declared.id];
  return entryPoint ? { ...declared, entryPoint } : declared;
});

const byId = new Map(LANGUAGES.map((language) => [language.id, language]));

/** The language with this id or alias (case-insensitive); throws UnknownLanguageError if none. */
export function findLanguage(name: string): LanguageDefinition {
  const declared = lookupLanguage(name);
  if (!declared) throw new UnknownLanguageError(name, LANGUAGES.map((language) => language.id));
  return byId.get(declared.id)!;
}
