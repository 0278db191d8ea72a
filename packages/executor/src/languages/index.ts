import { UnknownLanguageError } from "../errors";
import { bash } from "./bash";
import { c } from "./c";
import { cpp } from "./cpp";
import { csharp } from "./csharp";
import { dart } from "./dart";
import { elixir } from "./elixir";
import { go } from "./go";
import { java } from "./java";
import { javascript } from "./javascript";
import { julia } from "./julia";
import { kotlin } from "./kotlin";
import type { LanguageDefinition } from "./language";
import { perl } from "./perl";
import { php } from "./php";
import { python } from "./python";
import { r } from "./r";
import { racket } from "./racket";
import { ruby } from "./ruby";
import { rust } from "./rust";
import { scala } from "./scala";
import { swift } from "./swift";
import { typescript } from "./typescript";

/** Every language the executor knows, one declaration each. */
export const LANGUAGES: readonly LanguageDefinition[] = [
  python, javascript, typescript, c, cpp, java, go, rust, csharp, php, ruby, bash,
  kotlin, scala, elixir, perl, r, racket, swift, dart, julia,
];

const byName = new Map<string, LanguageDefinition>();
for (const language of LANGUAGES) {
  for (const name of [language.id, ...language.aliases]) byName.set(name.toLowerCase(), language);
}

/** The language with this id or alias (case-insensitive); throws UnknownLanguageError if none. */
export function findLanguage(name: string): LanguageDefinition {
  const language = byName.get(name.toLowerCase());
  if (!language) throw new UnknownLanguageError(name, LANGUAGES.map((l) => l.id));
  return language;
}
