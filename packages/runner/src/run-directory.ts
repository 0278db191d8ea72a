import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DatasetOptions } from "@cg/datasets";
import { canonicalJson, type SamplingParams } from "@cg/models";
import { writeFileAtomic } from "./atomic-write";
import { OutputDirectoryConflictError } from "./errors";
import type { RunConfig } from "./run-config";

/**
 * What a run measures: two runs with the same identity produce the same samples and verdicts
 * (up to the model's own randomness). Concurrency, server address, retries and the like are
 * left out, so a run can be resumed with different ones.
 */
export interface RunIdentity {
  dataset: string;
  /**
   * The options that narrowed the dataset (a contest-date window), when any were given: absent
   * otherwise, so that runs made without options keep their identity.
   */
  dataset_options?: DatasetOptions;
  strategy: string;
  /** Every option with its default filled in. */
  strategy_options: Record<string, unknown>;
  model: string;
  /** `completions` for a base model on the plain completions endpoint; absent for the chat endpoint, so that chat runs keep their identity. */
  endpoint?: "completions";
  /** Every sampling parameter sent with each request. */
  sampling: Omit<SamplingParams, "n">;
  n: number;
  /** The selected task ids, in run order. */
  problems: string[];
  timeout_seconds: number;
}

export const CONFIG_FILE = "config.json";

/** The configuration file of a run directory: what the run is, and how it was last run. */
export interface SavedRunConfig {
  run_id: string;
  identity: RunIdentity;
  /** The full configuration of the latest invocation (API keys are never part of it). */
  config: RunConfig;
}

/** A short stable name for an identity. */
export function runId(identity: RunIdentity): string {
  return createHash("sha256").update(canonicalJson(identity)).digest("hex").slice(0, 12);
}

/** `<root>/<dataset>/<strategy>/<model>/<params>/<run id>`, readable from the outside in. */
export function defaultRunDirectory(root: string, identity: RunIdentity): string {
  const { sampling } = identity;
  const params = [`n${identity.n}`, `t${sampling.temperature ?? "default"}`, ...(sampling.maxTokens === undefined ? [] : [`max${sampling.maxTokens}`])].join("-");
  return join(root, pathSegment(identity.dataset), pathSegment(identity.strategy), pathSegment(identity.model), params, runId(identity));
}

function pathSegment(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/**
 * Makes `dir` the home of this run: a new directory is stamped with the run's identity; an
 * existing one must hold the same run, so that results of two different runs never mix.
 */
export function claimRunDirectory(dir: string, identity: RunIdentity, config: RunConfig): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, CONFIG_FILE);
  if (existsSync(path)) {
    const previous = JSON.parse(readFileSync(path, "utf8")) as Partial<SavedRunConfig>;
    const before = (previous.identity ?? {}) as Record<string, unknown>;
    const now = identity as unknown as Record<string, unknown>;
    // Keys of both: an optional field the directory has and this run lacks is a difference too.
    const keys = [...new Set([...Object.keys(now), ...Object.keys(before)])];
    const differs = keys.filter((key) => canonicalJson(before[key]) !== canonicalJson(now[key]));
    if (differs.length > 0) {
      throw new OutputDirectoryConflictError(
        `${dir} holds results of a different run (${differs.join(", ")} differ); ` +
          `pass another --out, or delete the directory to start over`,
      );
    }
  }
  const saved: SavedRunConfig = { run_id: runId(identity), identity, config };
  writeFileAtomic(path, `${JSON.stringify(saved, null, 2)}\n`);
}
