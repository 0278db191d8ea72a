import { UnknownProblemError } from "./errors";
import type { Problem } from "./types";

/**
 * Finds a loaded problem's own data (its record, its hidden tests) by its task id; a problem the
 * load did not produce is refused with UnknownProblemError naming the dataset.
 */
export function taskIndex<T>(dataset: string, tasks: Iterable<readonly [string, T]>): (problem: Problem) => T {
  const byTaskId = new Map(tasks);
  return (problem) => {
    const task = byTaskId.get(problem.taskId);
    if (task === undefined) throw new UnknownProblemError(dataset, problem.taskId);
    return task;
  };
}
