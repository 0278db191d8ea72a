import { defineLanguage } from "../declaration";

export const bash = defineLanguage({
  id: "bash",
  name: "Bash",
  aliases: ["sh", "shell"],
  autoCodeBench: "shell",
  sourceFile: "main.sh",
  run: ["bash", "{file}"],
  toolchain: { version: ["bash", "--version"], packages: ["bash"] },
});
