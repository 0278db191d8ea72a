/** The output directory holds results of a different evaluation. */
export class OutputDirectoryConflictError extends Error {
  override readonly name = "OutputDirectoryConflictError";
}

/** A sample names a task the dataset does not have. */
export class UnknownTaskError extends Error {
  override readonly name = "UnknownTaskError";
}
