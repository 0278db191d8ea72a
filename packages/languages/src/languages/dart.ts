import { defineLanguage, GiB } from "../declaration";

/**
 * Compiled ahead of time to a native executable, so each test starts in milliseconds instead of
 * the VM's JIT start-up (`dart run`). Debian 12 packages no Dart SDK.
 */
export const dart = defineLanguage({
  id: "dart",
  name: "Dart",
  aliases: [],
  autoCodeBench: "dart",
  sourceFile: "main.dart",
  compile: { argv: ["dart", "compile", "exe", "--verbosity=error", "-o", "main", "{file}"], limits: { wallSeconds: 60 } },
  run: ["./main"],
  // The Dart VM and its AOT runtime reserve address space for their heaps up front.
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "Exhausted heap space|Out of Memory|OutOfMemoryError",
  toolchain: {
    version: ["dart", "--version"],
    packages: [],
    install: "the Dart SDK from https://dart.dev/get-dart (Google's apt repository or the SDK archive)",
  },
});
