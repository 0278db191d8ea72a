import type { LanguageDefinition } from "./language";

export const bash: LanguageDefinition = {
  id: "bash",
  name: "Bash",
  aliases: ["sh", "shell"],
  sourceFile: "main.sh",
  run: ["bash", "{file}"],
  toolchain: { version: ["bash", "--version"], packages: ["bash"] },
};
