import { defineLanguage } from "../declaration";

export const rust = defineLanguage({
  id: "rust",
  name: "Rust",
  aliases: ["rs", "rustc"],
  autoCodeBench: "rust",
  sourceFile: "main.rs",
  compile: { argv: ["rustc", "--edition", "2021", "-O", "-o", "main", "{file}"], limits: { wallSeconds: 30 } },
  run: ["./main"],
  largeStack: true,
  outOfMemory: "memory allocation of \\d+ bytes failed",
  toolchain: { version: ["rustc", "--version"], packages: ["rustc"] },
});
