import { defineLanguage, GiB } from "../declaration";

export const javascript = defineLanguage({
  id: "javascript",
  name: "JavaScript",
  aliases: ["js", "node", "nodejs"],
  extraFenceTags: ["jsx", "mjs"],
  autoCodeBench: "javascript",
  sourceFile: "main.js",
  // The old-space cap makes V8 collect harder near the limit and fail with a clear message.
  run: ["node", "--max-old-space-size={memoryMiB}", "{file}"],
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "JavaScript heap out of memory|Fatal process out of memory|Failed to reserve virtual memory",
  toolchain: { version: ["node", "--version"], packages: ["nodejs"] },
});
