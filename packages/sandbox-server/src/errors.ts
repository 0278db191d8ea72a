/** The server was asked to start in a way that would expose the sandbox or cannot work. */
export class SandboxServerConfigError extends Error {
  override readonly name = "SandboxServerConfigError";
}

/** A request the API cannot run: its HTTP status and a message saying what to change. */
export class SubmissionError extends Error {
  override readonly name = "SubmissionError";
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Every execution slot is taken and the queue is full. */
export class ServerBusyError extends Error {
  override readonly name = "ServerBusyError";
  constructor(queued: number) {
    super(`the server is busy: ${queued} submissions are already waiting; retry later or raise --max-queue`);
  }
}

/** The client went away before its answer: its submission was cancelled, or never started. */
export class SubmissionCancelledError extends Error {
  override readonly name = "SubmissionCancelledError";
  constructor() {
    super("the client disconnected before the answer; its submission was cancelled");
  }
}
