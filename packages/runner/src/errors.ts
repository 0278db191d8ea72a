/** The output directory holds results of a different evaluation. */
export class OutputDirectoryConflictError extends Error {
  override readonly name = "OutputDirectoryConflictError";
}

/** A sample names a task the dataset does not have. */
export class UnknownTaskError extends Error {
  override readonly name = "UnknownTaskError";
}

/** A run or sweep configuration that does not validate. */
export class RunConfigError extends Error {
  override readonly name = "RunConfigError";
}

/**
 * The model cannot be used at all (server unreachable, credentials refused, model unknown), so
 * the run stops instead of recording the same failure for every sample.
 */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
}
