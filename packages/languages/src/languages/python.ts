import { defineLanguage } from "../declaration";

/**
 * Judged as a command (`python3 main.py`, stdin to stdout). `ExecutionPool.execute` runs Python in
 * the warm interpreter instead, which is what function benchmarks (HumanEval, MBPP) use.
 */
export const python = defineLanguage({
  id: "python",
  name: "Python",
  aliases: ["py", "python3"],
  extraFenceTags: ["py3"],
  autoCodeBench: "python",
  sourceFile: "main.py",
  run: ["python3", "{file}"],
  outOfMemory: "MemoryError",
  toolchain: { version: ["python3", "--version"], packages: ["python3"] },
});
