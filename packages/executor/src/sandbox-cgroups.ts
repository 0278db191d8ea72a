import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ResourceLimits } from "./types";

const CONTROLLERS = ["memory", "pids"] as const;
type Controller = (typeof CONTROLLERS)[number];
/** A cgroup per kind of step: compiles and runs have different limits. */
export const STEP_KINDS = ["run", "compile"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Where the sandbox sees its cgroups: `/cg/<controller>/<kind>`. */
export const SANDBOX_CGROUP_ROOT = "/cg";

/**
 * The cgroup v1 memory and pids controllers this process may create groups under, if the machine
 * has them and this process may write there (root, as in CI).
 */
function delegableRoots(): Record<Controller, string> | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let mountinfo: string;
  let membership: string;
  try {
    mountinfo = readFileSync("/proc/self/mountinfo", "utf8");
    membership = readFileSync("/proc/self/cgroup", "utf8");
  } catch {
    return undefined;
  }
  const roots: Partial<Record<Controller, string>> = {};
  for (const controller of CONTROLLERS) {
    const mount = mountinfo
      .split("\n")
      .map((line) => line.split(" "))
      .find((fields) => {
        const separator = fields.indexOf("-");
        return separator > 0 && fields[separator + 1] === "cgroup" && (fields[separator + 3] ?? "").split(",").includes(controller);
      });
    const own = membership
      .split("\n")
      .map((line) => line.split(":"))
      .find((fields) => (fields[1] ?? "").split(",").includes(controller))?.[2];
    if (!mount || own === undefined || mount[3] !== "/") return undefined;
    roots[controller] = join(mount[4]!, own);
  }
  return roots as Record<Controller, string>;
}

let poolCount = 0;

/**
 * Memory and process accounting for a whole program: every process it forks, its shared memory,
 * memfd files and what it writes to scratch space count against one limit (cgroup v1 memory and
 * pids controllers). The host owns the groups and sets their limits before each request; the
 * sandbox's user may only move its own processes into them (cgroup.procs), so a program can
 * neither raise its limit nor leave the group.
 */
export class SandboxCgroups {
  private readonly base: Record<Controller, string>;
  private readonly workers = new Map<number, WorkerCgroups>();
  private next = 0;

  private constructor(roots: Record<Controller, string>) {
    const name = `cg-executor-${process.pid}-${poolCount++}`;
    this.base = { memory: join(roots.memory, name), pids: join(roots.pids, name) };
    for (const controller of CONTROLLERS) {
      removeStaleGroups(roots[controller]);
      mkdirSync(this.base[controller]);
    }
  }

  /** Groups for a pool, or undefined where the machine offers no delegable cgroup v1 controllers. */
  static create(): SandboxCgroups | undefined {
    const roots = delegableRoots();
    return roots ? new SandboxCgroups(roots) : undefined;
  }

  /** New groups for one sandbox whose user is `uid`. */
  forSandbox(uid: number): WorkerCgroups {
    const id = this.next++;
    const dirs = Object.fromEntries(CONTROLLERS.map((c) => [c, join(this.base[c], `w${id}`)])) as Record<Controller, string>;
    for (const controller of CONTROLLERS) {
      mkdirSync(dirs[controller]);
      for (const kind of STEP_KINDS) {
        const dir = join(dirs[controller], kind);
        mkdirSync(dir);
        chownSync(join(dir, "cgroup.procs"), uid, uid);
      }
    }
    const worker = new WorkerCgroups(dirs, () => this.workers.delete(id));
    this.workers.set(id, worker);
    return worker;
  }

  /** Removes every group; call after every sandbox has exited. */
  close(): void {
    for (const worker of this.workers.values()) worker.remove();
    for (const controller of CONTROLLERS) removeGroup(this.base[controller]);
  }
}

/** One sandbox's groups: `run` for Python programs and tests, `compile` for compile steps. */
export class WorkerCgroups {
  private readonly applied = new Map<string, string>();

  constructor(
    private readonly dirs: Record<Controller, string>,
    private readonly forget: () => void,
  ) {}

  /** bubblewrap arguments that show the groups inside the sandbox. */
  binds(): string[] {
    return CONTROLLERS.flatMap((controller) => ["--bind", this.dirs[controller], `${SANDBOX_CGROUP_ROOT}/${controller}`]);
  }

  /** Sets the limits of a kind of step; written only when they change. */
  limit(kind: StepKind, limits: Pick<ResourceLimits, "memoryBytes" | "processes">): void {
    this.write(join(this.dirs.memory, kind, "memory.limit_in_bytes"), String(limits.memoryBytes));
    this.write(join(this.dirs.pids, kind, "pids.max"), String(limits.processes));
  }

  /** Removes the groups once the sandbox has exited. */
  remove(): void {
    for (const controller of CONTROLLERS) removeGroup(this.dirs[controller]);
    this.forget();
  }

  private write(file: string, value: string): void {
    if (this.applied.get(file) === value) return;
    writeFileSync(file, value);
    this.applied.set(file, value);
  }
}

/** Removes a group and its children; a group still holding a process is left (rmdir refuses it). */
function removeGroup(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeGroup(join(dir, entry.name));
  }
  try {
    rmdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EBUSY") throw error;
  }
}

/** Groups left by pools of processes that no longer exist (a crash, a kill -9). */
function removeStaleGroups(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const pid = /^cg-executor-(\d+)-\d+$/.exec(entry.name)?.[1];
    if (!entry.isDirectory() || pid === undefined || processExists(Number(pid))) continue;
    removeGroup(join(root, entry.name));
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
