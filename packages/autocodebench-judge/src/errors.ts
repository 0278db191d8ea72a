/** A language name AutoCodeBench does not know, or that is not run here. */
export class UnknownAutoCodeBenchLanguageError extends Error {
  override readonly name = "UnknownAutoCodeBenchLanguageError";
  constructor(
    readonly language: string,
    readonly known: readonly string[],
  ) {
    super(`unknown language "${language}"; this sandbox runs: ${known.join(", ")} (aliases such as c++, csharp, bash or golang work too)`);
  }
}
