import { GiB, type LanguageDefinition } from "./language";

export const javascript: LanguageDefinition = {
  id: "javascript",
  name: "JavaScript",
  aliases: ["js", "node", "nodejs"],
  sourceFile: "main.js",
  // The old-space cap makes V8 collect harder near the limit and fail with a clear message.
  run: ["node", "--max-old-space-size={memoryMiB}", "{file}"],
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "JavaScript heap out of memory|Fatal process out of memory|Failed to reserve virtual memory",
  toolchain: { version: ["node", "--version"], packages: ["nodejs"] },
};
