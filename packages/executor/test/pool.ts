import { ExecutionPool, type ExecutionPoolOptions } from "../src";

/** A bubblewrap pool for tests; bubblewrap is required (CI installs it). */
export function createTestPool(options: ExecutionPoolOptions = {}): Promise<ExecutionPool> {
  return ExecutionPool.create({ workers: 2, ...options });
}
