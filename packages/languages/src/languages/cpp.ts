import { defineLanguage } from "../declaration";

const FLAGS = ["-std=gnu++17", "-O2"] as const;

export const cpp = defineLanguage({
  id: "cpp",
  name: "C++",
  aliases: ["c++", "cxx", "g++"],
  extraFenceTags: ["cc"],
  autoCodeBench: "cpp",
  sourceFile: "main.cpp",
  compile: { argv: ["g++", ...FLAGS, "-pipe", "-o", "main", "{file}"], limits: { wallSeconds: 30 } },
  run: ["./main"],
  largeStack: true,
  outOfMemory: "std::bad_alloc",
  // Most competitive solutions include <bits/stdc++.h>: parsing it is most of their compile time.
  // With -I<dir>, gcc finds <dir>/bits/stdc++.h.gch first and uses it when the flags match.
  compilerCache: {
    files: { "header.h": "#include <bits/stdc++.h>\n" },
    build: ["g++", ...FLAGS, "-x", "c++-header", "header.h", "-o", "{output}"],
    artifact: "bits/stdc++.h.gch",
    use: ["-I{dir}"],
  },
  toolchain: { version: ["g++", "--version"], packages: ["g++"] },
});
