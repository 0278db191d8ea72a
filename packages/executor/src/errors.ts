/** The requested sandbox cannot run on this machine. */
export class SandboxUnavailableError extends Error {
  override readonly name = "SandboxUnavailableError";
}

/** The executor was used after close(). */
export class ExecutorClosedError extends Error {
  override readonly name = "ExecutorClosedError";
  constructor() {
    super("the executor has been closed; create a new one to run more programs");
  }
}

/** A request named a language the executor does not know. */
export class UnknownLanguageError extends Error {
  override readonly name = "UnknownLanguageError";
  constructor(readonly language: string, known: readonly string[]) {
    super(`unknown language "${language}"; known languages: ${known.join(", ")} (aliases such as c++ or js work too)`);
  }
}

/** A run was cancelled through its AbortSignal; its sandbox was killed and replaced. */
export class ExecutionAbortedError extends Error {
  override readonly name = "ExecutionAbortedError";
  constructor() {
    super("the run was cancelled before it finished; its sandbox was killed");
  }
}
