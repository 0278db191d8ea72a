import { defineLanguage, GiB } from "../declaration";

/** Run as a script: `elixir` compiles it in memory on every run, as `mix run` would. */
export const elixir = defineLanguage({
  id: "elixir",
  name: "Elixir",
  aliases: ["ex", "exs"],
  autoCodeBench: "elixir",
  sourceFile: "main.exs",
  run: ["elixir", "{file}"],
  env: {
    // One scheduler, as the sandbox gives one CPU, and none spinning while idle: a spinning
    // scheduler burns CPU time that counts against the program's limit.
    ELIXIR_ERL_OPTIONS: "+S 1 +sbwt none +sbwtdcpu none +sbwtdio none",
    // A crashed VM exits at once instead of writing erl_crash.dump into the work directory.
    ERL_CRASH_DUMP_SECONDS: "0",
  },
  // The Erlang VM reserves about 2 GiB of address space (a 1 GiB area for literals, the JIT's code)
  // while touching some 50 MiB.
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "Cannot allocate \\d+ bytes of memory",
  toolchain: { version: ["elixir", "--short-version"], packages: ["elixir"] },
});
