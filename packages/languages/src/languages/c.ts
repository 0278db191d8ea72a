import { defineLanguage } from "../declaration";

export const c = defineLanguage({
  id: "c",
  name: "C",
  aliases: ["gcc"],
  autoCodeBench: "c",
  sourceFile: "main.c",
  compile: { argv: ["gcc", "-std=gnu17", "-O2", "-pipe", "-o", "main", "{file}", "-lm"], limits: { wallSeconds: 20 } },
  run: ["./main"],
  largeStack: true,
  toolchain: { version: ["gcc", "--version"], packages: ["gcc"] },
});
