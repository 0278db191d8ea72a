import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ExecutionAbortedError, ExecutorClosedError, SandboxUnavailableError } from "./errors";
import { judgeFailure, toExecutionResult, toJudgeResult, toStep } from "./judge-verdict";
import { findLanguage } from "./languages";
import type { LanguageDefinition } from "./languages/language";
import { resolveLimits } from "./limits";
import { CompilerCaches } from "./compiler-caches";
import { SandboxCgroups, type StepKind, type WorkerCgroups } from "./sandbox-cgroups";
import { buildProgramJob, compileLimitsFor, type ProgramJob } from "./program-job";
import { PythonWorker, WorkerExitedError } from "./python-worker";
import { buildLaunchCommand, WALL_STRETCH, type SandboxKind, type SandboxOptions } from "./sandbox-command";
import { defaultToolchainCacheDir, makeSharedDir, SANDBOX_CACHE_DIR, traversableByOthers } from "./toolchain-cache";
import { findToolchain, missingToolchainMessage, type ToolchainStatus } from "./toolchains";
import {
  type ExecutionRequest,
  type ExecutionResult,
  type Executor,
  type JudgeRequest,
  type JudgeResult,
  type ProgramJudge,
  type ResourceLimits,
  type RunOptions,
} from "./types";

export interface ExecutionPoolOptions extends Partial<SandboxOptions> {
  /** Parallel sandboxes; defaults to the number of cores. */
  workers?: number;
  /** Limits applied when a request gives none. */
  limits?: Partial<ResourceLimits>;
  /** Where the weaker-sandbox warning goes; defaults to stderr. */
  warn?: (message: string) => void;
  /**
   * Pin worker i to CPU i (default: when there is one worker per core). Pinning spares cross-CPU
   * TLB shootdowns after each fork, which dominate on some virtual machines; fewer workers than
   * cores are not pinned, so that a lone worker never sits on a CPU something else is using.
   */
  pinCpus?: boolean;
  /**
   * Languages the caller is about to run: those whose toolchain is missing are reported through
   * `warn` at start. Their requests still return `toolchain_missing`, one by one.
   */
  languages?: readonly string[];
}

/** What `health()` reports: whether every slot has a live sandbox that passed its start-up check. */
export interface PoolHealth {
  ok: boolean;
  size: number;
  /** Sandboxes running and started. */
  ready: number;
  busy: number;
  /** Sandboxes replaced since the pool started (died, hung, retired after a failed reset, cancelled). */
  replaced: number;
  /** Why the last sandbox was replaced, or why one failed to start. */
  lastProblem?: string;
  /**
   * `cgroup`: a program's memory (every process, shared memory, scratch files) and processes are
   * limited as a whole; `per-process`: each process has its own limits only (no delegable cgroups).
   */
  memoryAccounting: "cgroup" | "per-process";
}

/** Extra time the host waits beyond the wall limit before it declares a sandbox hung. */
const WATCHDOG_GRACE_MS = 5000;

const pythonSources = new Map<string, string>();
/** Each process runs from one `-c` script, so its modules are joined, dependencies first. */
function pythonSource(...files: string[]): string {
  const key = files.join();
  let source = pythonSources.get(key);
  if (source === undefined) {
    source = files.map((file) => readFileSync(fileURLToPath(new URL(`../python/${file}`, import.meta.url)), "utf8")).join("\n\n");
    pythonSources.set(key, source);
  }
  return source;
}

/** Host-side time allowed per step beyond its wall limit (fork, exec, cleanup). */
const STEP_GRACE_MS = 1000;

function sandboxError(message: string): ExecutionResult {
  return {
    status: "sandbox_error",
    passed: false,
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: "",
    stdoutTruncated: false,
    stderrTruncated: false,
    wallMs: 0,
    cpuMs: 0,
    maxRssKb: null,
    errorMessage: message,
  };
}

/**
 * The toolchain cache if the sandbox can use it: created before the sandboxes start so that they
 * can bind it, and reachable by the unprivileged user bubblewrap runs as when the harness is root.
 */
function usableCacheDir(dir: string, warn: (message: string) => void): string | undefined {
  try {
    makeSharedDir(dir);
  } catch (error) {
    warn(`the toolchain cache ${dir} cannot be created (${(error as Error).message}); compiles will be slower`);
    return undefined;
  }
  if (process.getuid?.() === 0 && !traversableByOthers(dir)) {
    warn(`the toolchain cache ${dir} is inside a directory the sandbox's user cannot enter; compiles will be slower`);
    return undefined;
  }
  return dir;
}

/** The pool's cgroups, or undefined (with a warning saying why) where the machine offers none. */
function createCgroups(warn: (message: string) => void): SandboxCgroups | undefined {
  try {
    return SandboxCgroups.create();
  } catch (error) {
    warn(`memory is limited per process only: the sandbox's cgroups cannot be created (${(error as Error).message})`);
    return undefined;
  }
}

function watchdogMs(job: ProgramJob): number {
  return job.steps.reduce((total, step) => total + step.limits.wallSeconds * WALL_STRETCH * 1000 + STEP_GRACE_MS, WATCHDOG_GRACE_MS);
}


/**
 * A pool of warm sandboxed interpreters. Each runs one program at a time in a freshly forked child,
 * so a program starts in about a millisecond instead of a new interpreter's tens of milliseconds.
 * Python runs inside the forked interpreter; other languages are compiled and run as commands.
 */
export class ExecutionPool implements Executor, ProgramJudge {
  readonly size: number;
  readonly sandbox: SandboxKind;
  private readonly options: SandboxOptions;
  private readonly defaults: ResourceLimits;
  private readonly idle: PythonWorker[] = [];
  private readonly waiting: Array<(worker: PythonWorker) => void> = [];
  private readonly all = new Set<PythonWorker>();
  private readonly started = new Set<PythonWorker>();
  private replaced = 0;
  private lastReplacement: string | undefined;
  private startFailure: string | undefined;
  private closed = false;
  private spawned = 0;
  private readonly pinCpus: boolean;
  private readonly warn: (message: string) => void;
  private readonly toolchains = new Map<LanguageDefinition, ToolchainStatus>();
  private readonly compilerCaches: CompilerCaches | undefined;
  private readonly cgroups: SandboxCgroups | undefined;
  private readonly groupsOf = new Map<PythonWorker, WorkerCgroups>();

  private constructor(options: ExecutionPoolOptions) {
    this.sandbox = options.kind ?? "bubblewrap";
    this.size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
    const cacheDir = usableCacheDir(options.cacheDir ?? defaultToolchainCacheDir(), this.warn);
    this.options = { ...options, kind: this.sandbox, cacheDir };
    this.defaults = resolveLimits(options.limits);
    this.pinCpus = options.pinCpus ?? this.size === availableParallelism();
    this.compilerCaches = cacheDir ? new CompilerCaches(cacheDir, this.warn) : undefined;
    this.cgroups = this.sandbox === "bubblewrap" ? createCgroups(this.warn) : undefined;
  }

  /** Starts the pool and checks that its sandbox works here; throws SandboxUnavailableError if not. */
  static async create(options: ExecutionPoolOptions = {}): Promise<ExecutionPool> {
    const pool = new ExecutionPool(options);
    if (pool.sandbox === "process") {
      pool.warn(
        "the process sandbox applies resource limits and a scrubbed environment only: programs can read " +
          "host files and use the network. Use the bubblewrap sandbox for untrusted code.",
      );
    }
    for (const name of options.languages ?? []) {
      const toolchain = pool.toolchainOf(findLanguage(name));
      if (!toolchain.installed) pool.warn(`${missingToolchainMessage(toolchain)}; its samples will be marked toolchain_missing`);
    }
    const workers = Array.from({ length: pool.size }, () => pool.spawn());
    try {
      await Promise.all(workers.map((w) => w.ready));
    } catch (error) {
      await pool.close();
      throw new SandboxUnavailableError(
        `the ${pool.sandbox} sandbox failed to start: ${(error as Error).message}`,
      );
    }
    for (const worker of workers) pool.release(worker);
    return pool;
  }

  /** Runs one program. Python runs in the warm interpreter; other languages go through `judge`. */
  async execute(request: ExecutionRequest, options: RunOptions = {}): Promise<ExecutionResult> {
    if (this.closed) throw new ExecutorClosedError();
    const language = findLanguage(request.language);
    if (language.id !== "python") {
      const { language: _name, mode: _mode, stdin, tests: _tests, ...rest } = request;
      return toExecutionResult(await this.judge({ ...rest, language, tests: [{ input: stdin ?? "" }] }, options));
    }
    const limits = resolveLimits(request.limits, this.defaults);
    const job = { source: request.source, tests: request.tests, mode: request.mode ?? "tests", stdin: request.stdin, limits } as const;
    try {
      const raw = await this.onWorker(
        limits.wallSeconds * WALL_STRETCH * 1000 + WATCHDOG_GRACE_MS,
        (worker) => {
          this.limitGroups(worker, "run", limits);
          return worker.run(job);
        },
        options.signal,
      );
      const step = toStep(raw);
      return {
        ...step,
        passed: step.status === "passed",
        ...(raw.errorType !== undefined ? { errorType: raw.errorType } : {}),
        ...(raw.traceback ? { traceback: raw.traceback } : {}),
      };
    } catch (error) {
      if (error instanceof WorkerExitedError) return sandboxError(error.message);
      throw error;
    }
  }

  /**
   * Compiles the program once if its language compiles, then runs it once per test with the test's
   * input on stdin and compares its output, all in one sandbox request. Stops at the first failing
   * test unless asked not to.
   */
  async judge(request: JudgeRequest, options: RunOptions = {}): Promise<JudgeResult> {
    if (this.closed) throw new ExecutorClosedError();
    const language = typeof request.language === "string" ? findLanguage(request.language) : request.language;
    const toolchain = this.toolchainOf(language);
    if (!toolchain.installed) return judgeFailure(language.id, "toolchain_missing", missingToolchainMessage(toolchain));
    if (request.tests.length === 0) throw new RangeError("a judge request needs at least one test");
    const job = buildProgramJob({
      language,
      toolchain,
      request,
      testLimits: resolveLimits(request.limits, this.defaults),
      compileLimits: compileLimitsFor(language, request.compileLimits),
      compilerCacheDir: await this.compilerCacheDir(language, toolchain),
    });
    try {
      const raw = await this.onWorker(
        watchdogMs(job),
        (worker) => {
          for (const step of job.steps) this.limitGroups(worker, step.kind === "compile" ? "compile" : "run", step.limits);
          return worker.runProgram(job);
        },
        options.signal,
      );
      if (!raw.steps) return judgeFailure(language.id, "sandbox_error", raw.errorMessage ?? "the sandbox returned no steps");
      return toJudgeResult(language.id, raw.steps, request.tests.length);
    } catch (error) {
      if (error instanceof WorkerExitedError) return judgeFailure(language.id, "sandbox_error", error.message);
      throw error;
    }
  }

  /** Whether every slot has a live, started sandbox, and what went wrong last. */
  health(): PoolHealth {
    const ready = [...this.all].filter((worker) => worker.alive && this.started.has(worker)).length;
    return {
      ok: !this.closed && ready === this.size && this.startFailure === undefined,
      size: this.size,
      ready,
      busy: this.all.size - this.idle.length,
      replaced: this.replaced,
      ...(this.startFailure ?? this.lastReplacement ? { lastProblem: this.startFailure ?? this.lastReplacement } : {}),
      memoryAccounting: this.cgroups ? "cgroup" : "per-process",
    };
  }

  /** Whether each language's toolchain is installed, as this pool's sandboxes see it. */
  toolchainOf(language: LanguageDefinition): ToolchainStatus {
    let status = this.toolchains.get(language);
    if (!status) {
      status = findToolchain(language);
      this.toolchains.set(language, status);
    }
    return status;
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.all];
    for (const worker of workers) worker.close();
    this.all.clear();
    this.idle.length = 0;
    if (this.cgroups) {
      // A group can be removed only once the processes in it have exited.
      await Promise.all(workers.map((worker) => worker.done));
      this.cgroups.close();
    }
  }

  /** The language's compiler cache entry, as the sandbox sees it, once built. */
  private async compilerCacheDir(language: LanguageDefinition, toolchain: ToolchainStatus): Promise<string | undefined> {
    const compiler = language.compile?.argv[0];
    const compilerPath = compiler ? toolchain.commands[compiler] : undefined;
    if (!this.compilerCaches || !language.compilerCache || !compilerPath) return undefined;
    // Built with the default compile memory limit, which the JVM's archive must match.
    const memoryMiB = Math.floor(compileLimitsFor(language, undefined).memoryBytes / (1024 * 1024));
    const relative = await this.compilerCaches.entry(language, compilerPath, memoryMiB);
    if (!relative) return undefined;
    return join(this.sandbox === "bubblewrap" ? SANDBOX_CACHE_DIR : this.options.cacheDir!, relative);
  }

  /**
   * Runs `work` on a worker under a watchdog. A sandbox that dies or hangs under a request is
   * replaced and the request runs once more on a fresh one, so that a sandbox an earlier program
   * broke never decides an honest program's verdict; a program that breaks two sandboxes gets
   * sandbox_error.
   */
  private async onWorker<T>(ms: number, work: (worker: PythonWorker) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const worker = await this.acquire(signal);
      try {
        // A replacement is handed out at once; it takes requests once it has answered its start-up check.
        await worker.ready;
        return await this.watched(worker, ms, work(worker), signal);
      } catch (error) {
        if (!(error instanceof WorkerExitedError) || attempt === 2) throw error;
      } finally {
        this.release(worker);
      }
    }
  }

  /** Races a worker's answer against a deadline and a cancellation; either retires the worker. */
  private async watched<T>(worker: PythonWorker, ms: number, work: Promise<T>, signal?: AbortSignal): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        worker.close("it did not answer within its wall-time limit");
        reject(new WorkerExitedError("the sandbox did not answer within its wall-time limit and was replaced"));
      }, ms);
      onAbort = () => {
        worker.close("its run was cancelled");
        reject(new ExecutionAbortedError());
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stop]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    }
  }

  private spawn(): PythonWorker {
    const slot = this.spawned++ % this.size;
    const cpu = this.pinCpus ? slot % availableParallelism() : undefined;
    const groups = this.cgroups?.forSandbox(this.options.unprivilegedId ?? 65534);
    const worker = new PythonWorker(
      buildLaunchCommand(
        { ...this.options, cpu, ...(groups ? { cgroupBinds: groups.binds() } : {}) },
        pythonSource("output_comparison.py", "verdict_seal.py", "forkserver.py"),
        pythonSource("supervisor.py"),
      ),
    );
    worker.ready.then(
      () => {
        this.started.add(worker);
        this.startFailure = undefined;
      },
      (error: Error) => {
        this.startFailure = `a sandbox failed to start: ${error.message}`;
      },
    );
    if (groups) {
      this.groupsOf.set(worker, groups);
      void worker.done.then(() => {
        this.groupsOf.delete(worker);
        try {
          groups.remove();
        } catch (error) {
          this.warn(`a sandbox's cgroups could not be removed: ${(error as Error).message}`);
        }
      });
    }
    this.all.add(worker);
    return worker;
  }

  /** The host sets a program's whole-tree limits; the sandbox's user cannot change them. */
  private limitGroups(worker: PythonWorker, kind: StepKind, limits: ResourceLimits): void {
    this.groupsOf.get(worker)?.limit(kind, limits);
  }

  private acquire(signal?: AbortSignal): Promise<PythonWorker> {
    if (signal?.aborted) return Promise.reject(new ExecutionAbortedError());
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve, reject) => {
      const waiter = (next: PythonWorker) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(next);
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new ExecutionAbortedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Returns a worker to the pool, replacing it first if its sandbox died or was retired. */
  private release(worker: PythonWorker): void {
    if (this.closed) return;
    let next = worker;
    if (!worker.alive) {
      worker.close(worker.retired);
      this.all.delete(worker);
      this.started.delete(worker);
      this.replaced++;
      this.lastReplacement = `a sandbox was replaced: ${worker.retired ?? "it exited"}`;
      next = this.spawn();
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(next);
    else this.idle.push(next);
  }
}
