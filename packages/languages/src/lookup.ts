import type { LanguageDeclaration } from "./declaration";
import { LANGUAGES, type Language } from "./languages";

const byName = new Map<string, LanguageDeclaration<Language>>();
for (const language of LANGUAGES) {
  for (const name of [language.id, ...language.aliases]) byName.set(name.toLowerCase(), language);
}

/** The language with this id or alias (case-insensitive), or undefined. */
export function lookupLanguage(name: string): LanguageDeclaration<Language> | undefined {
  return byName.get(name.trim().toLowerCase());
}

/** Whether `value` is a language's id (exactly; an alias is not). */
export function isLanguage(value: string): value is Language {
  return LANGUAGES.some((language) => language.id === value);
}

/** Display name of a language id or alias (`cpp` → `C++`); an unknown name as it is. */
export function languageName(name: string): string {
  return lookupLanguage(name)?.name ?? name;
}

/**
 * Lower-cased fence tags accepted for a language's code: its id, its aliases and the tags models
 * write for it besides (`jsx`); an unknown name accepts itself.
 */
export function fenceTags(name: string): readonly string[] {
  const language = lookupLanguage(name);
  if (!language) return [name.toLowerCase()];
  return [...new Set([language.id, ...language.aliases, ...(language.extraFenceTags ?? [])].map((tag) => tag.toLowerCase()))];
}
