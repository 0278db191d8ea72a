import { chmodSync, copyFileSync, existsSync, renameSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { makeSharedDir } from "./toolchain-cache";

/**
 * A copy of the Python interpreter that the sandbox's user may execute but not read (mode 0111).
 * The kernel marks a process started from a binary its user cannot read as non-dumpable, so no
 * program in the sandbox can ptrace the supervisor or the fork server, or open their
 * /proc/<pid>/mem, and neither has to load ctypes to protect itself. Python still finds its
 * standard library through the prefix it was built with.
 */
export function unreadableInterpreter(pythonPath: string, cacheDir: string | undefined): string {
  const dir = join(cacheDir ?? join(tmpdir(), `cg-executor-${process.getuid?.() ?? "user"}`), "interpreter");
  makeSharedDir(dir);
  const source = statSync(pythonPath);
  const copy = join(dir, `${basename(pythonPath)}-${source.size}-${Math.floor(source.mtimeMs)}`);
  if (existsSync(copy)) return copy;
  // Written under a private name and renamed, so that pools starting at once never exec a partial copy.
  const partial = `${copy}.${process.pid}.partial`;
  copyFileSync(pythonPath, partial);
  chmodSync(partial, 0o111);
  renameSync(partial, copy);
  return copy;
}
