import type { LanguageDefinition } from "./language";

export const ruby: LanguageDefinition = {
  id: "ruby",
  name: "Ruby",
  aliases: ["rb"],
  sourceFile: "main.rb",
  run: ["ruby", "{file}"],
  outOfMemory: "NoMemoryError|failed to allocate memory",
  toolchain: { version: ["ruby", "--version"], packages: ["ruby"] },
};
