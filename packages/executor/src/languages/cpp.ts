import type { LanguageDefinition } from "./language";

const FLAGS = ["-std=gnu++17", "-O2"] as const;

export const cpp: LanguageDefinition = {
  id: "cpp",
  name: "C++",
  aliases: ["c++", "cxx", "g++"],
  sourceFile: "main.cpp",
  compile: { argv: ["g++", ...FLAGS, "-pipe", "-o", "main", "{file}"], limits: { wallSeconds: 30 } },
  run: ["./main"],
  largeStack: true,
  outOfMemory: "std::bad_alloc",
  // Most competitive solutions include <bits/stdc++.h>: parsing it is most of their compile time.
  precompiledHeader: { kind: "c++-header", header: "bits/stdc++.h", flags: FLAGS },
  toolchain: { version: ["g++", "--version"], packages: ["g++"] },
};
