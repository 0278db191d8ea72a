import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CompilerCache, LanguageDefinition } from "./languages/language";
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
    const scratch = mkdtempSync(join(tmpdir(), "cg-compiler-cache-"));
    // Several pools may build at once: each renames its own complete file into place.
    const staged = `${target}.${process.pid}.tmp`;
    try {
      for (const [name, content] of Object.entries(cache.files)) writeFileSync(join(scratch, name), content);
      const args = buildArgs.map((word) => word.replace("{output}", staged).replace("{memoryMiB}", String(memoryMiB)));
      await run(compilerPath, args, scratch);
      chmodSync(staged, 0o644);
      renameSync(staged, target);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(staged, { force: true });
    }
    return relative;
  }
}
