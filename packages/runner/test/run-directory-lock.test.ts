import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DirectoryInUseError, LOCK_FILE, RunDirectoryLock } from "../src/index";

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function dir(): string {
  return join(mkdtempSync(join(tmpdir(), "cg-lock-")), "out");
}

interface LockContent {
  pid: number;
  host: string;
  since: string;
  process_start: string | null;
  pid_namespace: string | null;
  token: string;
}

function lockContent(folder: string): LockContent {
  return JSON.parse(readFileSync(join(folder, LOCK_FILE), "utf8")) as LockContent;
}

function refusal(folder: string): DirectoryInUseError {
  try {
    RunDirectoryLock.acquire(folder).release();
  } catch (error) {
    expect(error).toBeInstanceOf(DirectoryInUseError);
    return error as DirectoryInUseError;
  }
  throw new Error(`${folder} was locked, not refused`);
}

/** A separate process holding the lock of `folder`, started from the package directory where the tsx loader is installed. */
async function holdInChild(folder: string): Promise<{ child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const script = fileURLToPath(new URL("./support/lock-holder.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, folder], { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    void exited.then(({ code }) => reject(new Error(`lock holder exited early with ${code}`)));
  });
  return { child, exited };
}

describe("RunDirectoryLock", () => {
  it("creates the directory and a lock file naming this process, and removes it on release", () => {
    const folder = dir();
    const lock = RunDirectoryLock.acquire(folder);
    const content = lockContent(folder);
    expect(content).toMatchObject({ pid: process.pid, host: hostname() });
    expect(Date.now() - Date.parse(content.since)).toBeLessThan(60_000);
    lock.release();
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
    RunDirectoryLock.acquire(folder).release();
  });

  it("refuses a second writer with one line saying who holds the directory, leaving the first one's lock alone", () => {
    const folder = dir();
    const first = RunDirectoryLock.acquire(folder);
    const before = readFileSync(join(folder, LOCK_FILE), "utf8");
    const { since } = lockContent(folder);
    expect(refusal(folder).message).toBe(`${folder} is in use by another cg process (pid ${process.pid} on ${hostname()}, since ${since}); wait for it to finish or stop it, or pass another --out`);
    expect(readFileSync(join(folder, LOCK_FILE), "utf8")).toBe(before);
    first.release();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });

  it("refuses while another process holds the lock, and takes over the lock of one killed with SIGKILL", async () => {
    const folder = dir();
    const { child, exited } = await holdInChild(folder);
    expect(refusal(folder).message).toMatch(new RegExp(`^${folder} is in use by another cg process \\(pid ${child.pid} on ${hostname()}, since `));
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    expect(lockContent(folder).pid).toBe(child.pid);

    const lock = RunDirectoryLock.acquire(folder);
    expect(lockContent(folder).pid).toBe(process.pid);
    expect(readdirSync(folder)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it.each(["SIGTERM", "SIGINT"] as const)("is released when %s ends its holder, which still dies of the signal", async (signal) => {
    const folder = dir();
    const { child, exited } = await holdInChild(folder);
    child.kill(signal);
    expect(await exited).toEqual({ code: null, signal });
    expect(readdirSync(folder)).toEqual([]);
  });

  it("takes over a lock whose pid now belongs to a process that started later", () => {
    const folder = dir();
    RunDirectoryLock.acquire(folder).release();
    // This process, as the holder's pid reused: same pid, another start time.
    const reused = { ...ownContent(folder), process_start: "1", token: "reused" };
    writeFileSync(join(folder, LOCK_FILE), `${JSON.stringify(reused)}\n`);
    const lock = RunDirectoryLock.acquire(folder);
    expect(lockContent(folder).token).not.toBe("reused");
    lock.release();
  });

  it("never takes over the lock of a process on another host, and says how to clear it", () => {
    const folder = dir();
    const elsewhere = { ...ownContent(folder), host: "elsewhere.example", pid: 1 };
    writeFileSync(join(folder, LOCK_FILE), `${JSON.stringify(elsewhere)}\n`);
    expect(refusal(folder).message).toBe(
      `${folder} is in use by a cg process on another host or container (pid 1 on elsewhere.example, since ${elsewhere.since}); ` +
        `wait for it to finish or stop it there, or, if it is no longer running, delete ${join(folder, LOCK_FILE)}`,
    );
  });

  it("waits on a lock file not written yet, and takes it over once it is too old to be in the making", () => {
    const folder = dir();
    RunDirectoryLock.acquire(folder).release();
    const path = join(folder, LOCK_FILE);
    writeFileSync(path, "");
    expect(refusal(folder).message).toBe(`${folder} is being locked by another cg process right now (${path} is not written yet); wait for it, or pass another --out`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const lock = RunDirectoryLock.acquire(folder);
    expect(lockContent(folder).pid).toBe(process.pid);
    lock.release();
  });
});

/** The content this process writes into a lock file, taken from a real one. */
function ownContent(folder: string): LockContent {
  const lock = RunDirectoryLock.acquire(folder);
  const content = lockContent(folder);
  lock.release();
  return content;
}
