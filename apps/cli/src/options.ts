import { existsSync } from "node:fs";
import { isCalendarDay } from "@cg/datasets";
import { UsageError } from "./usage-error";

/**
 * A number written plainly in decimal, or NaN: `Number` alone would also read " 16", "1e1",
 * "0x10", "0o20", "Infinity" and "" (as 0).
 */
export function decimal(value: string, { signed = false } = {}): number {
  return (signed ? /^-?\d+(\.\d+)?$/ : /^\d+(\.\d+)?$/).test(value) ? Number(value) : Number.NaN;
}

export function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = decimal(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

export function parsePositiveNumber(flag: string) {
  return (value: string): number => {
    const n = decimal(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
    return n;
  };
}

export function parseKs(value: string): number[] {
  const ks = value.split(",").map((part) => decimal(part.trim()));
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new UsageError(`--k must be a comma-separated list of positive integers such as 1,10,100, got "${value}"`);
  }
  return ks;
}

export function parseSandbox(value: string): "bubblewrap" | "process" {
  if (value !== "bubblewrap" && value !== "process") {
    throw new UsageError(`--sandbox must be "bubblewrap" or "process", got "${value}"`);
  }
  return value;
}

export function parsePromptProfile(value: string): "reference" | "cg" {
  if (value !== "reference" && value !== "cg") {
    throw new UsageError(`--prompts must be "reference" (the authors' prompts and control flow) or "cg" (the project's own), got "${value}"`);
  }
  return value;
}

export function requireFile(path: string, what: string): string {
  if (!existsSync(path)) throw new UsageError(`${what} ${path} does not exist`);
  return path;
}

export function parseNonNegativeInt(flag: string) {
  return (value: string): number => {
    const n = decimal(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
    return n;
  };
}

export function parseInteger(flag: string) {
  return (value: string): number => {
    const n = decimal(value, { signed: true });
    if (!Number.isInteger(n)) throw new UsageError(`${flag} must be an integer, got "${value}"`);
    return n;
  };
}

export function parseNumber(flag: string) {
  return (value: string): number => {
    const n = decimal(value, { signed: true });
    if (!Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got "${value}"`);
    return n;
  };
}

export function parseNonNegativeNumber(flag: string) {
  return (value: string): number => {
    const n = decimal(value);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a number of at least 0, got "${value}"`);
    return n;
  };
}

/** A comma-separated list such as "HumanEval/0,HumanEval/5". */
export function parseList(flag: string) {
  return (value: string): string[] => {
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
    if (items.length === 0) throw new UsageError(`${flag} must be a comma-separated list, got "${value}"`);
    return items;
  };
}

/** A repeatable flag whose values are collected in order, each taken as it is. */
export function collectValues(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A JSON object, such as `{"enable_thinking": false}`. */
export function parseJsonObject(flag: string) {
  return (value: string): Record<string, unknown> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new UsageError(`${flag} must be a JSON object such as '{"enable_thinking": false}'; "${value}" is not JSON (${(error as Error).message})`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new UsageError(`${flag} must be a JSON object such as '{"enable_thinking": false}', got ${value}`);
    }
    return parsed as Record<string, unknown>;
  };
}

/** One of `choices`, e.g. --endpoint chat|completions. */
export function parseChoice<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${flag} must be ${choices.map((c) => `"${c}"`).join(" or ")}, got "${value}"`);
    return value as T;
  };
}

/**
 * Repeatable `key=value`, collected into an object. The value is read as JSON when it is JSON
 * (numbers, booleans) and as a string otherwise.
 */
export function collectKeyValue(flag: string) {
  return (value: string, previous: Record<string, unknown> = {}): Record<string, unknown> => {
    const equals = value.indexOf("=");
    if (equals <= 0) throw new UsageError(`${flag} takes key=value, e.g. ${flag} maxPlanTry=3; got "${value}"`);
    const key = value.slice(0, equals).trim();
    const text = value.slice(equals + 1).trim();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the value is the string as given.
    }
    return { ...previous, [key]: parsed };
  };
}

export function parseDay(flag: string) {
  return (value: string): string => {
    if (!isCalendarDay(value)) throw new UsageError(`${flag} must be a day written YYYY-MM-DD, e.g. 2024-08-01, got "${value}"`);
    return value;
  };
}
