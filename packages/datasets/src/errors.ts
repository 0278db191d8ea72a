/** A dataset file is missing, unreachable or fails its checksum. */
export class DatasetFileError extends Error {
  override readonly name = "DatasetFileError";
}

/** A record in a dataset or samples file does not have the published shape. */
export class MalformedRecordError extends Error {
  override readonly name = "MalformedRecordError";
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

export class UnknownDatasetError extends Error {
  override readonly name = "UnknownDatasetError";
  constructor(
    readonly requested: string,
    readonly known: readonly string[],
  ) {
    super(`unknown dataset "${requested}"; known datasets: ${known.join(", ")}`);
  }
}

/** A problem that the loaded suite does not contain. */
export class UnknownProblemError extends Error {
  override readonly name = "UnknownProblemError";
  constructor(
    readonly dataset: string,
    readonly taskId: string,
  ) {
    super(`${taskId} is not one of the problems this ${dataset} suite loaded; score each problem with the suite it came from`);
  }
}

/**
 * A dataset's reference solution failed while its expected outputs were being computed (EvalPlus
 * datasets derive expected outputs by running it).
 */
export class ReferenceSolutionError extends Error {
  override readonly name = "ReferenceSolutionError";
  constructor(
    readonly dataset: string,
    readonly taskId: string,
    detail: string,
  ) {
    super(
      `the reference solution of ${taskId} (${dataset}) failed while computing expected outputs: ${detail}. ` +
        `Expected outputs come from running it in the sandbox; check that the sandbox has the memory and time it needs.`,
    );
  }
}

/** Dataset options that are malformed, or that the dataset cannot honour. */
export class DatasetOptionsError extends Error {
  override readonly name = "DatasetOptionsError";
}
