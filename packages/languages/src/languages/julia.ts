import { defineLanguage, GiB } from "../declaration";

/** Debian 12 packages no Julia. Its JIT compiles on every run; no startup file is read. */
export const julia = defineLanguage({
  id: "julia",
  name: "Julia",
  aliases: ["jl"],
  autoCodeBench: "julia",
  sourceFile: "main.jl",
  run: ["julia", "--startup-file=no", "--history-file=no", "{file}"],
  // Julia's runtime and LLVM reserve address space well beyond what they touch.
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "OutOfMemoryError",
  toolchain: {
    version: ["julia", "--version"],
    packages: [],
    install: "juliaup from https://julialang.org/install/ (the official installer)",
  },
});
