import { defineLanguage } from "../declaration";

export const ruby = defineLanguage({
  id: "ruby",
  name: "Ruby",
  aliases: ["rb"],
  autoCodeBench: "ruby",
  sourceFile: "main.rb",
  run: ["ruby", "{file}"],
  outOfMemory: "NoMemoryError|failed to allocate memory",
  toolchain: { version: ["ruby", "--version"], packages: ["ruby"] },
});
