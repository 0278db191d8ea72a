import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { canonicalJson } from "./canonical-json.js";
import { CorruptCacheEntryError } from "./errors.js";
import type { ChatChoice, ChatMessage, SamplingParams, TokenUsage } from "./types.js";

/** Everything that determines a response; the sample index keeps independent samples apart. */
export interface CacheKeyParts {
  provider: string;
  model: string;
  endpoint: "chat" | "completions";
  messages: ChatMessage[];
  params: SamplingParams;
  sampleIndex: number;
}

const KEY_VERSION = 1;

export function responseCacheKey(parts: CacheKeyParts): string {
  return createHash("sha256").update(canonicalJson({ v: KEY_VERSION, ...parts })).digest("hex");
}

export interface CachedResponse {
  choices: ChatChoice[];
  usage: TokenUsage;
  /** What the original call cost. */
  costUsd: number | null;
  latencyMs: number;
  id?: string;
}

const count = z.number().int().nonnegative();

const entrySchema = z.object({
  key: z.string(),
  provider: z.string(),
  model: z.string(),
  sampleIndex: count,
  createdAt: z.string(),
  response: z.object({
    choices: z.array(z.object({ text: z.string(), reasoning: z.string().optional(), finishReason: z.string() })),
    usage: z.object({
      promptTokens: count,
      completionTokens: count,
      reasoningTokens: count.optional(),
      cachedPromptTokens: count.optional(),
    }),
    costUsd: z.number().nullable(),
    latencyMs: z.number().nonnegative(),
    id: z.string().optional(),
  }),
});

/**
 * One JSON file per response under `dir/<2 hex>/<sha256>.json`. Each file is written to a
 * temporary name, flushed, then renamed into place, so a killed process leaves either the
 * whole entry or none (a stray `*.tmp` file, never read).
 */
export class ResponseCache {
  constructor(readonly dir: string) {}

  pathFor(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const path = this.pathFor(key);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CorruptCacheEntryError(path, (error as Error).message);
    }
    const entry = entrySchema.safeParse(json);
    if (!entry.success) throw new CorruptCacheEntryError(path, z.prettifyError(entry.error));
    if (entry.data.key !== key) throw new CorruptCacheEntryError(path, "entry belongs to another key");
    return entry.data.response;
  }

  async put(key: string, response: CachedResponse, meta: { provider: string; model: string; sampleIndex: number }): Promise<void> {
    const path = this.pathFor(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const entry = { key, ...meta, createdAt: new Date().toISOString(), response };
    const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temporary, "wx");
      try {
        await handle.writeFile(JSON.stringify(entry));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
