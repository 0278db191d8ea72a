import { existsSync } from "node:fs";
import { UsageError } from "./usage-error";

export function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

export function parsePositiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
    return n;
  };
}

export function parseKs(value: string): number[] {
  const ks = value.split(",").map((part) => Number(part.trim()));
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

export function requireFile(path: string, what: string): string {
  if (!existsSync(path)) throw new UsageError(`${what} ${path} does not exist`);
  return path;
}
