import { defineLanguage } from "../declaration";

export const php = defineLanguage({
  id: "php",
  name: "PHP",
  aliases: [],
  autoCodeBench: "php",
  sourceFile: "main.php",
  // Warnings go to stderr, not into the judged output; PHP's own memory limit follows the test's.
  run: ["php", "-d", "display_errors=stderr", "-d", "memory_limit={memoryMiB}M", "{file}"],
  outOfMemory: "Allowed memory size of \\d+ bytes exhausted|Out of memory",
  toolchain: { version: ["php", "--version"], packages: ["php-cli"] },
});
