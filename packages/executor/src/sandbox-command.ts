import { accessSync, chownSync, constants, existsSync, lstatSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { SandboxUnavailableError } from "./errors";
import { SANDBOX_CACHE_DIR } from "./toolchain-cache";
import { unreadableInterpreter } from "./unreadable-interpreter";

/**
 * - `bubblewrap`: namespaces (PID, network, IPC, UTS, user, mount), a read-only host view, fresh
 *   scratch file systems for every program and an unprivileged uid. The default.
 * - `process`: resource limits and a scrubbed environment only. For machines without bubblewrap,
 *   chosen explicitly; it does not isolate the program from the host's files or network.
 */
export type SandboxKind = "bubblewrap" | "process";

export interface SandboxOptions {
  kind: SandboxKind;
  /** Interpreter used inside the sandbox; must be readable by an unprivileged user. */
  pythonPath?: string;
  bwrapPath?: string;
  /** Size of the sandbox's private /tmp (tmpfs), bytes. */
  tmpBytes?: number;
  /** Size of the sandbox's private /dev/shm (tmpfs), bytes. */
  shmBytes?: number;
  /** Files and directories each scratch file system can hold. */
  scratchInodes?: number;
  /** Uid and gid the sandbox runs as when the harness runs as root. */
  unprivilegedId?: number;
  /** CPU the worker and its programs are pinned to. */
  cpu?: number;
  /**
   * `human-eval` (default) disables, for every program, the functions OpenAI's human-eval disables
   * (os.kill, os.system, subprocess.Popen, exit, ...), as EvalPlus, APPS and LiveCodeBench also do,
   * so verdicts match those harnesses. `none` leaves Python whole.
   */
  pythonGuard?: PythonGuard;
  /** bubblewrap arguments that show the sandbox's cgroups inside it (see SandboxCgroups). */
  cgroupBinds?: readonly string[];
  /** Host toolchain cache (compiler caches), bound read-only at /opt/cg-cache when it exists. */
  cacheDir?: string;
}

export type PythonGuard = "human-eval" | "none";

export interface LaunchCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  uid?: number;
  gid?: number;
  /** Host directory to remove when the worker ends (process sandbox only). */
  scratchDir?: string;
}

const NOBODY = 65534;
/**
 * How far waiting for a CPU may stretch a program's wall time (the fork server moves a program's
 * deadline by the time it waited, runnable, for a CPU) before it times out anyway.
 */
export const WALL_STRETCH = 10;
/** PATH inside the sandbox; toolchains are looked up on it. */
export const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";

export function findExecutable(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  if (name.includes("/")) return existsSync(name) ? name : undefined;
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Debian's interpreter starts in ~9 ms with -I -S and lives where an unprivileged uid can read it. */
export function defaultPythonPath(): string {
  if (existsSync("/usr/bin/python3")) return "/usr/bin/python3";
  const found = findExecutable("python3");
  if (!found) {
    throw new SandboxUnavailableError(
      "python3 was not found; install it (Debian/Ubuntu: apt-get install python3) or pass pythonPath",
    );
  }
  return realpathSync(found);
}

function guardOf(options: SandboxOptions): string {
  return (options.pythonGuard ?? "human-eval") === "human-eval" ? "human-eval" : "";
}

function runningAsRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Read-only binds of the host's system directories; merged-/usr symlinks are recreated as symlinks. */
function systemBinds(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const dir of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    if (!existsSync(dir)) continue;
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) {
      const target = realpathSync(dir);
      args.push("--symlink", target.replace(/^\//, ""), dir);
    } else {
      args.push("--ro-bind", dir, dir);
    }
  }
  args.push("--ro-bind", "/etc", "/etc");
  return args;
}

/** Where the unreadable interpreter copy appears inside the sandbox. */
const SANDBOX_PYTHON = "/opt/cg-python/python3";

/**
 * The command that runs the Python `script` in a sandbox. With `supervisor` (the pool's workers),
 * bubblewrap runs the supervisor as PID 1, which starts `script` (the fork server) and renews its
 * scratch file systems; without, the script runs alone on bubblewrap's own scratch mounts.
 */
export function buildLaunchCommand(options: SandboxOptions, script: string, supervisor?: string): LaunchCommand {
  const python = options.pythonPath ?? defaultPythonPath();
  const id = runningAsRoot() ? (options.unprivilegedId ?? NOBODY) : undefined;
  const pythonArgs = ["-I", "-S", "-B", "-c", script];

  if (options.kind === "process") {
    const scratchDir = mkdtempSync(join(tmpdir(), "cg-exec-"));
    if (id !== undefined) chownSync(scratchDir, id, id);
    return {
      command: python,
      args: pythonArgs,
      env: {
        PATH: SANDBOX_PATH,
        HOME: scratchDir,
        LANG: "C.UTF-8",
        CG_WORK_ROOT: scratchDir,
        CG_PY_GUARD: guardOf(options),
        CG_WALL_STRETCH: String(WALL_STRETCH),
        ...(options.cpu !== undefined ? { CG_CPU: String(options.cpu) } : {}),
      },
      uid: id,
      gid: id,
      scratchDir,
    };
  }

  const bwrap = findExecutable(options.bwrapPath ?? "bwrap");
  if (!bwrap) {
    throw new SandboxUnavailableError(
      "bubblewrap (bwrap) was not found. Install it (Debian/Ubuntu: apt-get install bubblewrap), " +
        "or choose the weaker process sandbox explicitly (--sandbox process), which does not isolate the host.",
    );
  }
  const inner = id ?? NOBODY;
  const supervised = supervisor === undefined
    ? []
    : [
        // Held by the supervisor alone, over the sandbox's own namespaces, to mount scratch
        // space; it drops it before it starts the fork server.
        "--cap-add", "CAP_SYS_ADMIN",
        "--setenv", "CG_TMP_BYTES", String(options.tmpBytes ?? 256 * 1024 * 1024),
        "--setenv", "CG_SHM_BYTES", String(options.shmBytes ?? 64 * 1024 * 1024),
        "--setenv", "CG_SCRATCH_INODES", String(options.scratchInodes ?? 65536),
        "--ro-bind", unreadableInterpreter(python, options.cacheDir), SANDBOX_PYTHON,
        ...(options.cgroupBinds?.length ? [...options.cgroupBinds, "--setenv", "CG_CGROUPS", "1"] : []),
      ];
  // Under a supervisor these are mount points only: it mounts the scratch file systems over them.
  const ownTmpBytes = supervisor === undefined ? (options.tmpBytes ?? 256 * 1024 * 1024) : 1024 * 1024;
  const ownShmBytes = supervisor === undefined ? (options.shmBytes ?? 64 * 1024 * 1024) : 1024 * 1024;
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--as-pid-1",
    "--new-session",
    "--hostname",
    "sandbox",
    "--uid",
    String(inner),
    "--gid",
    String(inner),
    "--clearenv",
    "--setenv", "PATH", SANDBOX_PATH,
    "--setenv", "HOME", "/tmp",
    "--setenv", "LANG", "C.UTF-8",
    "--setenv", "CG_WORK_ROOT", "/tmp",
    "--setenv", "CG_PY_GUARD", guardOf(options),
    "--setenv", "CG_WALL_STRETCH", String(WALL_STRETCH),
    ...(options.cpu !== undefined ? ["--setenv", "CG_CPU", String(options.cpu)] : []),
    ...supervised,
    ...systemBinds(),
    ...(options.cacheDir && existsSync(options.cacheDir) ? ["--ro-bind", options.cacheDir, SANDBOX_CACHE_DIR] : []),
    "--proc", "/proc",
    "--dev", "/dev",
    "--mqueue", "/dev/mqueue",
    "--size", String(ownTmpBytes),
    "--tmpfs", "/tmp",
    "--size", String(ownShmBytes),
    "--tmpfs", "/dev/shm",
    // The root and /dev are bwrap's own tmpfs mounts; read-only so that nothing outside the
    // scratch file systems outlives a program.
    "--remount-ro", "/dev",
    "--remount-ro", "/",
    "--chdir", "/tmp",
    ...(supervisor === undefined ? [python, ...pythonArgs] : [SANDBOX_PYTHON, "-I", "-S", "-B", "-c", supervisor, script]),
  ];
  return { command: bwrap, args, env: { PATH: SANDBOX_PATH }, uid: id, gid: id };
}
