/** The command line itself is wrong: a bad flag value or a missing file. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
