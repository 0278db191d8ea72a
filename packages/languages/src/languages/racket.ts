import { defineLanguage } from "../declaration";

/**
 * `raco make` expands and compiles the module once into compiled/main_rkt.zo, which every test's
 * `racket main.rkt` then loads: a run of a hundred-line `#lang racket` program costs about half.
 * A program that does not expand is a compile error.
 */
export const racket = defineLanguage({
  id: "racket",
  name: "Racket",
  aliases: ["rkt"],
  extraFenceTags: ["scheme"],
  autoCodeBench: "racket",
  sourceFile: "main.rkt",
  compile: { argv: ["raco", "make", "{file}"], limits: { wallSeconds: 30 } },
  run: ["racket", "{file}"],
  outOfMemory: "out of memory",
  toolchain: { version: ["racket", "--version"], packages: ["racket"] },
});
