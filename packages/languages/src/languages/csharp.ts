import { defineLanguage, GiB } from "../declaration";

/** Mono's C# compiler: Debian packages no .NET SDK. It accepts C# up to version 7. */
export const csharp = defineLanguage({
  id: "csharp",
  name: "C#",
  aliases: ["cs", "c#", "mono", "c_sharp"],
  autoCodeBench: "c#",
  sourceFile: "main.cs",
  compile: { argv: ["mcs", "-optimize+", "-r:System.Numerics.dll", "-out:main.exe", "{file}"], limits: { wallSeconds: 20 } },
  run: ["mono", "main.exe"],
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "OutOfMemoryException",
  toolchain: { version: ["mcs", "--version"], packages: ["mono-mcs", "mono-runtime"] },
});
