import { Redis } from "ioredis";
import { QueueUnavailableError } from "./errors";

/** How long a first connection may take before the server counts as unreachable. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * Connects to the Redis server at `url`, failing fast with an actionable error when it cannot be
 * reached. The connection returned then reconnects for ever and holds commands while the server is
 * away (BullMQ requires `maxRetriesPerRequest: null`), so that a restarted server is picked up.
 */
export async function connectRedis(url: string): Promise<Redis> {
  let probe: Redis;
  try {
    probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: PROBE_TIMEOUT_MS, retryStrategy: () => null });
  } catch (error) {
    throw new QueueUnavailableError(url, (error as Error).message);
  }
  let refused: Error | undefined;
  probe.on("error", (error: Error) => (refused = error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new QueueUnavailableError(url, (refused ?? (error as Error)).message || "connection refused");
  } finally {
    probe.disconnect();
  }
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // While Redis is away each reconnection attempt fails with an error event; ioredis keeps trying.
  connection.on("error", () => undefined);
  return connection;
}
