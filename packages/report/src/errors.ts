/** A path given to the report holds no results of `cg run` or `cg eval`. */
export class NotAResultsDirectoryError extends Error {
  override readonly name = "NotAResultsDirectoryError";
}

/** A results directory whose files cannot be read as results (not JSON, unknown statuses). */
export class InvalidResultsError extends Error {
  override readonly name = "InvalidResultsError";
}

/** The page script of the report package is missing or unusable: the package was not built. */
export class PageScriptError extends Error {
  override readonly name = "PageScriptError";
}
