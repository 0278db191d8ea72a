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

/** Another process is writing the results directory (it holds the directory's lock). */
export class DirectoryInUseError extends Error {
  override readonly name = "DirectoryInUseError";
}

/**
 * A complete line of a results or trace log that a resume cannot trust: not JSON, not a record
 * of that file, a sample the run does not have, or a sample recorded twice.
 */
export class InvalidLogLineError extends Error {
  override readonly name = "InvalidLogLineError";
}
