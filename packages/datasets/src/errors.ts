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

/** A task id that the loaded dataset does not contain. */
export class UnknownProblemError extends Error {
  override readonly name = "UnknownProblemError";
  constructor(
    readonly dataset: string,
    readonly taskId: string,
  ) {
    super(`${taskId} is not a problem of ${dataset} (was the dataset loaded, and is this the right dataset?)`);
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

/** A stdin/stdout dataset was given an executor that cannot judge programs against tests. */
export class JudgeUnavailableError extends Error {
  override readonly name = "JudgeUnavailableError";
  constructor(readonly dataset: string) {
    super(`${dataset} scores programs against stdin/stdout tests and needs an executor with judge() (an ExecutionPool from @cg/executor)`);
  }
}

/** Dataset options that are malformed, or that the dataset cannot honour. */
export class DatasetOptionsError extends Error {
  override readonly name = "DatasetOptionsError";
}
