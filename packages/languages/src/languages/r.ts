import { defineLanguage } from "../declaration";

/** --vanilla: no profile or saved workspace is read, so the host's R settings do not change a verdict. */
export const r = defineLanguage({
  id: "r",
  name: "R",
  aliases: ["rscript"],
  autoCodeBench: "r",
  sourceFile: "main.r",
  run: ["Rscript", "--vanilla", "{file}"],
  outOfMemory: "cannot allocate vector of size|vector memory (?:exhausted|limit)|memory exhausted",
  toolchain: { version: ["Rscript", "--version"], packages: ["r-base-core"] },
});
