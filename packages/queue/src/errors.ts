/** The Redis server behind a queue cannot be reached. */
export class QueueUnavailableError extends Error {
  override readonly name = "QueueUnavailableError";

  constructor(url: string, cause: string) {
    super(`cannot reach Redis at ${url} (${cause}); start redis-server there, or pass the address of a running one with --queue redis://HOST:PORT`);
  }
}
