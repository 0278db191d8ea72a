import type { LanguageDefinition } from "./language";

export const perl: LanguageDefinition = {
  id: "perl",
  name: "Perl",
  aliases: ["pl"],
  sourceFile: "main.pl",
  run: ["perl", "{file}"],
  outOfMemory: "Out of memory",
  toolchain: { version: ["perl", "--version"], packages: ["perl"] },
};
