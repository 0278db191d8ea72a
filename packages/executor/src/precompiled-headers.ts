import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { LanguageDefinition } from "./languages/language";
import { makeSharedDir } from "./toolchain-cache";

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 300_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Headers precompiled once per machine, in the toolchain cache, for compilers that support it.
 * A compile finds `<dir>/bits/stdc++.h.gch` when given `-I<dir>` and uses it when its flags match
 * those the header was built with; otherwise gcc falls back to the header itself.
 */
export class PrecompiledHeaders {
  private readonly builds = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly cacheDir: string,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * The include directory holding the language's precompiled header, relative to the cache
   * directory; built on first use. Undefined when the language has none or it cannot be built.
   */
  includeDir(language: LanguageDefinition, compilerPath: string): Promise<string | undefined> {
    const spec = language.precompiledHeader;
    if (!spec) return Promise.resolve(undefined);
    const key = `${language.id}:${compilerPath}`;
    let build = this.builds.get(key);
    if (!build) {
      build = this.build(language, compilerPath).catch((error: Error) => {
        this.warn(`the ${language.name} precompiled header could not be built, so compiles are slower: ${error.message}`);
        return undefined;
      });
      this.builds.set(key, build);
    }
    return build;
  }

  private async build(language: LanguageDefinition, compilerPath: string): Promise<string> {
    const spec = language.precompiledHeader!;
    const version = await run(compilerPath, ["--version"]);
    const hash = createHash("sha256").update([compilerPath, version, spec.kind, spec.header, ...spec.flags].join("\0")).digest("hex");
    const relative = join("pch", language.id, hash.slice(0, 16));
    const target = join(this.cacheDir, relative, `${spec.header}.gch`);
    if (existsSync(target)) return relative;

    makeSharedDir(dirname(target));
    const scratch = mkdtempSync(join(tmpdir(), "cg-pch-"));
    // Several pools may build at once: each renames its own complete file into place.
    const staged = `${target}.${process.pid}.tmp`;
    try {
      const wrapper = join(scratch, "header.h");
      writeFileSync(wrapper, `#include <${spec.header}>\n`);
      await run(compilerPath, [...spec.flags, "-x", spec.kind, wrapper, "-o", staged]);
      chmodSync(staged, 0o644);
      renameSync(staged, target);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(staged, { force: true });
    }
    return relative;
  }
}
