import { chmodSync, mkdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";

/** Where the host's toolchain cache appears inside a bubblewrap sandbox (read-only). */
export const SANDBOX_CACHE_DIR = "/opt/cg-cache";

/**
 * Host directory for what is built once per machine to speed up compiles (see `CompilerCache`).
 * Programs only ever see it read-only: a writable cache shared across samples would let one
 * program plant code in the next one's build. When the harness runs as root, the sandbox runs as
 * an unprivileged user that cannot enter /root, hence /var/cache.
 */
export function defaultToolchainCacheDir(): string {
  const override = process.env.CG_EXECUTOR_CACHE_DIR;
  if (override) return override;
  if (process.getuid?.() === 0) return "/var/cache/cg/executor";
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), ".cache"), "cg", "executor");
}

/** Whether every directory above `dir` lets other users through (bubblewrap resolves binds as the sandbox user). */
export function traversableByOthers(dir: string): boolean {
  for (let current = dirname(resolve(dir)); ; current = dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (current === dirname(current)) return true;
  }
}

/** Creates `dir` and any missing parents readable by every user (whatever the umask), touching only new directories. */
export function makeSharedDir(dir: string): void {
  const target = resolve(dir);
  const first = mkdirSync(target, { recursive: true });
  if (first === undefined) return;
  chmodSync(first, 0o755);
  let current = first;
  for (const part of relative(first, target).split("/").filter(Boolean)) {
    current = join(current, part);
    chmodSync(current, 0o755);
  }
}
