import { defineLanguage, GiB } from "../declaration";

export const go = defineLanguage({
  id: "go",
  name: "Go",
  aliases: ["golang"],
  autoCodeBench: "go",
  sourceFile: "main.go",
  compile: { argv: ["go", "build", "-o", "main", "{file}"], limits: { wallSeconds: 30 } },
  run: ["./main"],
  // The build cache goes to $HOME/.cache, inside /tmp, wiped after each sample. Without cgo the
  // build never calls gcc; with a local toolchain it never reaches for the network.
  env: { CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-buildvcs=false" },
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "runtime: out of memory|cannot allocate memory",
  toolchain: { version: ["go", "version"], packages: ["golang-go"] },
});
