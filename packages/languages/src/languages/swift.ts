import { defineLanguage, GiB } from "../declaration";

/** Debian 12 packages no Swift toolchain (its `swift` package is an object store). */
export const swift = defineLanguage({
  id: "swift",
  name: "Swift",
  aliases: ["swiftc"],
  autoCodeBench: "swift",
  sourceFile: "main.swift",
  compile: { argv: ["swiftc", "-O", "-o", "main", "{file}"], limits: { wallSeconds: 60 } },
  run: ["./main"],
  largeStack: true,
  // The compiler's LLVM and its linker reserve more address space than they use.
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "Could not allocate memory",
  toolchain: {
    version: ["swiftc", "--version"],
    packages: [],
    install: "the Swift toolchain for Debian 12 from https://www.swift.org/install/linux/ (swiftly or the tarball)",
  },
});
