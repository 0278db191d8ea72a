import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DatasetFileError } from "./errors";
import type { LoadOptions } from "./types";

/** One published file: where it lives upstream and how to recognise an intact copy. */
export interface DataFile {
  /** Folder of the source in a mirror, e.g. `humaneval`. */
  source: string;
  /** File name inside that folder, e.g. `HumanEval.jsonl.gz`. */
  file: string;
  url: string;
  /** Published checksum; when a source publishes none, callers validate shape and size instead. */
  sha256?: string;
}

export const DATA_DIR_ENV = "CG_DATA_DIR";
export const CACHE_DIR_ENV = "CG_CACHE_DIR";

export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), ".cache"), "cg", "datasets");
}

/** The cache directory: the option, else $CG_CACHE_DIR, else {@link defaultCacheDir}. */
export function cacheDirOf(options: LoadOptions = {}): string {
  return options.cacheDir ?? process.env[CACHE_DIR_ENV] ?? defaultCacheDir();
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function verified(bytes: Buffer, file: DataFile, path: string): Buffer {
  if (file.sha256 === undefined) return bytes;
  const actual = sha256(bytes);
  if (actual !== file.sha256) {
    throw new DatasetFileError(
      `${path} is corrupt or a different version: its sha256 is ${actual}, expected ${file.sha256}. ` +
        `Replace it with the file from ${file.url}.`,
    );
  }
  return bytes;
}

/**
 * Reads a published file, verified against its checksum: from the mirror (`dataDir` or
 * $CG_DATA_DIR) if given, else from the cache, else downloaded from its canonical URL into the cache.
 */
export async function readDataFile(file: DataFile, options: LoadOptions = {}): Promise<Buffer> {
  const dataDir = options.dataDir ?? process.env[DATA_DIR_ENV];
  if (dataDir) {
    const path = join(dataDir, file.source, file.file);
    if (!existsSync(path)) {
      throw new DatasetFileError(
        `${path} does not exist. The data directory (${options.dataDir ? "--data-dir" : `$${DATA_DIR_ENV}`}=${dataDir}) ` +
          `must hold ${file.source}/${file.file}, downloadable from ${file.url}; or unset it to download into the cache.`,
      );
    }
    return verified(await readFile(path), file, path);
  }
  const cached = join(cacheDirOf(options), file.source, file.file);
  if (existsSync(cached)) return verified(await readFile(cached), file, cached);
  if (options.offline) {
    throw new DatasetFileError(
      `${file.source}/${file.file} is not in the cache (${cached}) and downloads are off. ` +
        `Pass --data-dir DIR (or set ${DATA_DIR_ENV}) to a mirror holding it.`,
    );
  }
  const bytes = await download(file, cached);
  await mkdir(dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, cached);
  return bytes;
}

async function download(file: DataFile, destination: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(file.url);
  } catch (error) {
    throw new DatasetFileError(
      `could not download ${file.url} (${(error as Error).message}). Without network access, pass --data-dir DIR ` +
        `(or set ${DATA_DIR_ENV}) to a mirror holding ${file.source}/${file.file}, or place the file at ${destination}.`,
    );
  }
  if (!response.ok) {
    throw new DatasetFileError(`downloading ${file.url} failed with HTTP ${response.status}; try again or use --data-dir`);
  }
  return verified(Buffer.from(await response.arrayBuffer()), file, file.url);
}

/** The file's text, gunzipped when its name ends in .gz. */
export async function readDataText(file: DataFile, options?: LoadOptions): Promise<string> {
  const bytes = await readDataFile(file, options);
  return (file.file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}
