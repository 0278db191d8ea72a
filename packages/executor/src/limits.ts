import type { ResourceLimits } from "./types";

const MiB = 1024 * 1024;

/** Defaults follow OpenAI's human-eval (3 s per sample) with limits it lacks. */
export const DEFAULT_LIMITS: ResourceLimits = Object.freeze({
  wallSeconds: 3,
  cpuSeconds: 4,
  memoryBytes: 2048 * MiB,
  processes: 64,
  fileBytes: 16 * MiB,
  outputBytes: 64 * 1024,
});

export function resolveLimits(partial: Partial<ResourceLimits> | undefined, base: ResourceLimits = DEFAULT_LIMITS): ResourceLimits {
  const limits = { ...base, ...partial };
  if (partial?.wallSeconds !== undefined && partial.cpuSeconds === undefined) {
    // CPU time may not exceed wall time by much; keep it just above so the wall limit decides.
    limits.cpuSeconds = Math.ceil(limits.wallSeconds) + 1;
  }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`resource limit ${name} must be a positive number, got ${value}`);
    }
  }
  return limits;
}
