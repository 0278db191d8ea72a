import { defineLanguage } from "../declaration";

export const perl = defineLanguage({
  id: "perl",
  name: "Perl",
  aliases: ["pl"],
  autoCodeBench: "perl",
  sourceFile: "main.pl",
  run: ["perl", "{file}"],
  outOfMemory: "Out of memory",
  toolchain: { version: ["perl", "--version"], packages: ["perl"] },
});
