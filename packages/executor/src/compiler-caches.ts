import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CompilerCache } from "@cg/languages";
import type { LanguageDefinition } from "./languages/language";
import { makeSharedDir } from "./toolchain-cache";
import { toolchainVersion } from "./toolchains";

function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: 300_000, maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")}: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}

/**
 * Artifacts built once per machine that make every compile of a language faster (C++'s
 * precompiled <bits/stdc++.h>, a class-data archive of javac), kept in the toolchain cache. They
 * are built on the host from the system's own headers and classes, never from a program, and
 * programs see them read-only.
 */
export class CompilerCaches {
  private readonly builds = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly cacheDir: string,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * The language's cache entry, relative to the cache directory, built on first use; undefined
   * when the language has none or it cannot be built (compiles then simply take longer).
   */
  entry(language: LanguageDefinition, compilerPath: string, memoryMiB: number): Promise<string | undefined> {
    const cache = language.compilerCache;
    if (!cache) return Promise.resolve(undefined);
    const key = `${language.id}\0${compilerPath}\0${memoryMiB}`;
    let build = this.builds.get(key);
    if (!build) {
      build = this.build(language, cache, compilerPath, memoryMiB).catch((error: Error) => {
        this.warn(`the ${language.name} compiler cache could not be built, so compiles are slower: ${error.message}`);
        return undefined;
      });
      this.builds.set(key, build);
    }
    return build;
  }

  private async build(language: LanguageDefinition, cache: CompilerCache, compilerPath: string, memoryMiB: number): Promise<string> {
    const version = (await toolchainVersion(language)) ?? "";
    const [, ...buildArgs] = cache.build;
    const hash = createHash("sha256")
      .update(JSON.stringify([compilerPath, version, memoryMiB, cache]))
      .digest("hex");
    const relative = join("compilers", language.id, hash.slice(0, 16));
    const target = join(this.cacheDir, relative, cache.artifact);
    if (existsSync(target)) return relative;

    makeSharedDir(dirname(target));
    // Pools in other processes (parallel test files, several cg runs) may need the same artifact:
    // one builds it while the others wait for it.
    const lock = `${target}.lock`;
    while (!tryLock(lock)) {
      if (await appeared(target, lock)) return relative;
    }
    const scratch = mkdtempSync(join(tmpdir(), "cg-compiler-cache-"));
    const staged = `${target}.${process.pid}.tmp`;
    try {
      // Another process may have finished between the first look and the lock.
      if (existsSync(target)) return relative;
      for (const [name, content] of Object.entries(cache.files)) writeFileSync(join(scratch, name), content);
      const args = buildArgs.map((word) => word.replace("{output}", staged).replace("{memoryMiB}", String(memoryMiB)));
      await run(compilerPath, args, scratch);
      chmodSync(staged, 0o644);
      renameSync(staged, target);
      return relative;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(staged, { force: true });
      rmSync(lock, { force: true });
    }
  }
}

/** A build older than this is taken to have died with its process. */
const STALE_LOCK_MS = 10 * 60_000;

function lockAge(lock: string): number | undefined {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return undefined;
  }
}

function tryLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if ((lockAge(lock) ?? 0) > STALE_LOCK_MS) rmSync(lock, { force: true });
    return false;
  }
}

/** Waits while another process builds: true once the artifact exists, false if that build is gone. */
async function appeared(target: string, lock: string): Promise<boolean> {
  for (;;) {
    if (existsSync(target)) return true;
    const age = lockAge(lock);
    if (age === undefined || age > STALE_LOCK_MS) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
