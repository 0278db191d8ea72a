import { defineLanguage, GiB } from "../declaration";

/**
 * Compiled by esbuild, which strips the types without checking them (as `tsx`, `ts-node
 * --transpile-only` and Node's own type stripping do): a program with a type error but correct
 * behaviour passes, and only syntax errors are compile errors. Type-checking with `tsc` costs
 * several seconds per sample on a 2-core machine.
 */
export const typescript = defineLanguage({
  id: "typescript",
  name: "TypeScript",
  aliases: ["ts"],
  extraFenceTags: ["tsx"],
  autoCodeBench: "typescript",
  sourceFile: "main.ts",
  compile: {
    argv: ["esbuild", "{file}", "--outfile=main.js", "--format=cjs", "--platform=node", "--target=node20", "--log-level=warning"],
    limits: { wallSeconds: 10 },
  },
  run: ["node", "--max-old-space-size={memoryMiB}", "main.js"],
  // esbuild is a Go program and node reserves address space for V8: both need the headroom.
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "JavaScript heap out of memory|Fatal process out of memory|Failed to reserve virtual memory",
  toolchain: { version: ["esbuild", "--version"], packages: ["esbuild", "nodejs"] },
});
