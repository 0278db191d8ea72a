import { UsageError } from "./usage-error";

type QueueModule = typeof import("@cg/queue");

/**
 * Runs `action` with @cg/queue, loaded only by the commands that use a queue so that local runs
 * never load BullMQ. An unreachable Redis is input the user can fix (exit 2).
 */
export async function withQueueModule<T>(action: (queue: QueueModule) => Promise<T>): Promise<T> {
  const queue = await import("@cg/queue");
  try {
    return await action(queue);
  } catch (error) {
    if (error instanceof queue.QueueUnavailableError) throw new UsageError(error.message);
    throw error;
  }
}
