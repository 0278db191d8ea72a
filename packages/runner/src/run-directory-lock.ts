import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { DirectoryInUseError } from "./errors";

export const LOCK_FILE = "cg.lock";

/** Who holds a directory, as written in its lock file. */
const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** When the lock was taken (ISO 8601). */
  since: z.string(),
  /** The process's start time in clock ticks since boot (Linux), which tells it from a later process given the same pid. */
  process_start: z.string().nullable(),
  /** Pids are comparable only within one pid namespace (containers have their own). */
  pid_namespace: z.string().nullable(),
  /** Makes every lock file's bytes unique, so that a stale one is told apart from its successor. */
  token: z.string(),
});
type Holder = z.infer<typeof holderSchema>;

/** A lock file whose content cannot be read is being written, unless it is older than this. */
const UNWRITTEN_GRACE_MS = 10_000;

/**
 * One writer per results directory. Node has no flock/fcntl, so the lock is a file, created
 * with O_EXCL so that one process wins; it also tells the next process who holds the directory.
 * It records the holder's pid, host and process start time, so that a holder that died without
 * releasing it (kill -9, a crash, a power loss) is recognized on the same host and its lock
 * taken over: the pid must be running and have the same start time, since pids are reused. A
 * holder on another host (shared storage) or in another pid namespace cannot be checked, and its
 * lock is never taken over. The lock is released on every way out: return, throw, exit, and
 * SIGINT or SIGTERM when nothing else handles them.
 */
export class RunDirectoryLock {
  private released = false;

  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  /** Creates `dir` if needed and locks it; a directory another live process holds is refused with DirectoryInUseError. */
  static acquire(dir: string): RunDirectoryLock {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOCK_FILE);
    const content = `${JSON.stringify(thisProcess())}\n`;
    // Each pass either takes the lock or removes a stale one; a few passes bound a race with other takers.
    for (let pass = 0; pass < 5; pass++) {
      if (createExclusive(path, content)) {
        const lock = new RunDirectoryLock(path, content);
        held.add(lock);
        watchExit();
        return lock;
      }
      const found = readLockFile(path);
      if (found === undefined) continue;
      if (!isStale(found)) throw new DirectoryInUseError(describeHolder(dir, path, found));
      removeStale(path, found.bytes);
    }
    throw new DirectoryInUseError(`${dir} is being locked and unlocked by other cg processes right now; try again, or pass another --out`);
  }

  /** Removes the lock file if it is still this lock's; calling it again does nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this);
    watchExit();
    let current: string;
    try {
      current = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    if (current === this.content) unlinkSync(this.path);
  }
}

interface LockFile {
  bytes: Buffer;
  /** Undefined when the content is not a holder: a lock file whose writer has not written it yet, or a damaged one. */
  holder: Holder | undefined;
  ageMs: number;
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock file as it is now, or undefined when it went away in the meantime. */
function readLockFile(path: string): LockFile | undefined {
  try {
    const bytes = readFileSync(path);
    const ageMs = Date.now() - statSync(path).mtimeMs;
    return { bytes, holder: parseHolder(bytes.toString("utf8")), ageMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: written only in part.
    return undefined;
  }
}

function isStale({ holder, ageMs }: LockFile): boolean {
  if (holder === undefined) return ageMs > UNWRITTEN_GRACE_MS;
  if (!onThisMachine(holder)) return false;
  if (!isRunning(holder.pid)) return true;
  const start = processStart(holder.pid);
  return holder.process_start !== null && start !== null && start !== holder.process_start;
}

function onThisMachine(holder: Holder): boolean {
  return holder.host === hostname() && holder.pid_namespace === pidNamespace();
}

/**
 * Moves the stale file aside before deleting it, and deletes it only if it is still the one
 * judged stale: another process may have taken it over in between, and its live lock, moved
 * aside by mistake, is put back.
 */
function removeStale(path: string, staleBytes: Buffer): void {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (readFileSync(aside).equals(staleBytes)) unlinkSync(aside);
  else renameSync(aside, path);
}

function describeHolder(dir: string, path: string, { holder }: LockFile): string {
  if (holder === undefined) return `${dir} is being locked by another cg process right now (${path} is not written yet); wait for it, or pass another --out`;
  const who = `pid ${holder.pid} on ${holder.host}, since ${holder.since}`;
  if (onThisMachine(holder)) return `${dir} is in use by another cg process (${who}); wait for it to finish or stop it, or pass another --out`;
  return (
    `${dir} is in use by a cg process on another host or container (${who}); wait for it to finish or stop it there, ` +
    `or, if it is no longer running, delete ${path}`
  );
}

function thisProcess(): Holder {
  return {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    process_start: processStart(process.pid),
    pid_namespace: pidNamespace(),
    token: randomBytes(8).toString("hex"),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/PID/stat; null where there is no /proc, or when the process is gone. */
function processStart(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

function pidNamespace(): string | null {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return null;
  }
}

/** The locks this process holds, released by the exit and signal handlers. */
const held = new Set<RunDirectoryLock>();

function releaseAll(): void {
  for (const lock of [...held]) lock.release();
}

function onSignal(signal: NodeJS.Signals): void {
  // Another listener handles the signal itself; the lock is released on its way out.
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  // The handlers are gone now, so the signal ends the process as it would have without them.
  process.kill(process.pid, signal);
}

const onSigint = (): void => onSignal("SIGINT");
const onSigterm = (): void => onSignal("SIGTERM");

/** Listens for exit and signals while a lock is held, and only then. */
function watchExit(): void {
  const watching = process.listeners("exit").includes(releaseAll);
  if (held.size > 0 && !watching) {
    process.on("exit", releaseAll);
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);
  } else if (held.size === 0 && watching) {
    process.off("exit", releaseAll);
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
  }
}
