import { z } from "zod";
import { SandboxServerConfigError } from "./errors";

/** The server's bounds, each checked and defaulted: how much a client may ask for and hold. */
export interface ServerSettings {
  maxConcurrency: number;
  maxQueue: number;
  maxSourceBytes: number;
  maxTimeoutSeconds: number;
  maxBatch: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  sendTimeoutMs: number;
}

const count = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const seconds = z.number().positive().finite();
/** Node keeps its connection timers as 32-bit milliseconds. */
const timerSeconds = seconds.max(2_147_483);

const settingsSchema = z.object({
  maxConcurrency: count.default(2),
  maxQueue: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(256),
  maxSourceBytes: count.default(1024 * 1024),
  maxTimeoutSeconds: timerSeconds.default(300),
  maxBatch: count.default(100),
  headersTimeoutSeconds: timerSeconds.default(10),
  requestTimeoutSeconds: timerSeconds.default(60),
  keepAliveTimeoutSeconds: timerSeconds.default(5),
  sendTimeoutSeconds: timerSeconds.default(60),
});

export type ServerSettingsInput = z.input<typeof settingsSchema>;

/** Defaults filled in and every bound checked; throws SandboxServerConfigError naming the bad one. */
export function resolveServerSettings(input: ServerSettingsInput): ServerSettings {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const given = (input as Record<string, unknown>)[name];
    throw new SandboxServerConfigError(`${name} must be ${expectation(name)}, got ${String(given)}`);
  }
  const s = parsed.data;
  if (s.headersTimeoutSeconds > s.requestTimeoutSeconds) {
    throw new SandboxServerConfigError(
      `headersTimeoutSeconds (${s.headersTimeoutSeconds}) must not exceed requestTimeoutSeconds (${s.requestTimeoutSeconds}): the headers are part of the request`,
    );
  }
  const ms = (value: number) => Math.max(1, Math.round(value * 1000));
  return {
    maxConcurrency: s.maxConcurrency,
    maxQueue: s.maxQueue,
    maxSourceBytes: s.maxSourceBytes,
    maxTimeoutSeconds: s.maxTimeoutSeconds,
    maxBatch: s.maxBatch,
    headersTimeoutMs: ms(s.headersTimeoutSeconds),
    requestTimeoutMs: ms(s.requestTimeoutSeconds),
    keepAliveTimeoutMs: ms(s.keepAliveTimeoutSeconds),
    sendTimeoutMs: ms(s.sendTimeoutSeconds),
  };
}

function expectation(name: string): string {
  if (name === "maxQueue") return "a whole number of at least 0";
  if (name.endsWith("Seconds")) return "a positive, finite number of seconds (at most 2147483)";
  return "a positive whole number";
}

