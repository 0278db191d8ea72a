import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ExecutorClosedError, SandboxUnavailableError } from "./errors";
import { resolveLimits } from "./limits";
import { PythonWorker, WorkerExitedError } from "./python-worker";
import { buildLaunchCommand, type SandboxKind, type SandboxOptions } from "./sandbox-command";
import { EXECUTION_STATUSES, type ExecutionRequest, type ExecutionResult, type ExecutionStatus, type Executor, type ResourceLimits } from "./types";

export interface ExecutionPoolOptions extends Partial<SandboxOptions> {
  /** Parallel sandboxes; defaults to the number of cores. */
  workers?: number;
  /** Limits applied when a request gives none. */
  limits?: Partial<ResourceLimits>;
  /** Where the weaker-sandbox warning goes; defaults to stderr. */
  warn?: (message: string) => void;
  /**
   * Pin worker i to CPU i mod cores (default: when there are no more workers than cores). Pinning
   * spares cross-CPU TLB shootdowns after each fork, which dominate on some virtual machines.
   */
  pinCpus?: boolean;
}

/** Extra time the host waits beyond the wall limit before it declares a sandbox hung. */
const WATCHDOG_GRACE_MS = 5000;

let forkServerSource: string | undefined;
function forkServer(): string {
  forkServerSource ??= readFileSync(fileURLToPath(new URL("../python/forkserver.py", import.meta.url)), "utf8");
  return forkServerSource;
}

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

function isStatus(value: unknown): value is ExecutionStatus {
  return typeof value === "string" && (EXECUTION_STATUSES as readonly string[]).includes(value);
}

/**
 * A pool of warm sandboxed interpreters. Each runs one program at a time in a freshly forked child,
 * so a program starts in about a millisecond instead of a new interpreter's tens of milliseconds.
 */
export class ExecutionPool implements Executor {
  readonly size: number;
  readonly sandbox: SandboxKind;
  private readonly options: SandboxOptions;
  private readonly defaults: ResourceLimits;
  private readonly idle: PythonWorker[] = [];
  private readonly waiting: Array<(worker: PythonWorker) => void> = [];
  private readonly all = new Set<PythonWorker>();
  private closed = false;
  private spawned = 0;
  private readonly pinCpus: boolean;

  private constructor(options: ExecutionPoolOptions) {
    this.sandbox = options.kind ?? "bubblewrap";
    this.size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.options = { ...options, kind: this.sandbox };
    this.defaults = resolveLimits(options.limits);
    this.pinCpus = options.pinCpus ?? this.size <= availableParallelism();
  }

  /** Starts the pool and checks that its sandbox works here; throws SandboxUnavailableError if not. */
  static async create(options: ExecutionPoolOptions = {}): Promise<ExecutionPool> {
    const pool = new ExecutionPool(options);
    if (pool.sandbox === "process") {
      (options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)))(
        "the process sandbox applies resource limits and a scrubbed environment only: programs can read " +
          "host files and use the network. Use the bubblewrap sandbox for untrusted code.",
      );
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

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    if (this.closed) throw new ExecutorClosedError();
    const limits = resolveLimits(request.limits, this.defaults);
    const worker = await this.acquire();
    let timer: NodeJS.Timeout | undefined;
    try {
      const watchdog = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          worker.close();
          reject(new WorkerExitedError("the sandbox did not answer within its wall-time limit and was replaced"));
        }, limits.wallSeconds * 1000 + WATCHDOG_GRACE_MS);
      });
      const raw = await Promise.race([
        worker.run({ source: request.source, mode: request.mode ?? "tests", stdin: request.stdin, limits }),
        watchdog,
      ]);
      const status = isStatus(raw.status) ? raw.status : "sandbox_error";
      return {
        status,
        passed: status === "passed",
        exitCode: raw.exitCode ?? null,
        signal: raw.signal ?? null,
        stdout: raw.stdout ?? "",
        stderr: raw.stderr ?? "",
        stdoutTruncated: raw.stdoutTruncated ?? false,
        stderrTruncated: raw.stderrTruncated ?? false,
        wallMs: raw.wallMs ?? 0,
        cpuMs: raw.cpuMs ?? 0,
        maxRssKb: raw.maxRssKb ?? null,
        ...(raw.errorType !== undefined ? { errorType: raw.errorType } : {}),
        ...(raw.errorMessage !== undefined ? { errorMessage: raw.errorMessage } : {}),
        ...(raw.traceback ? { traceback: raw.traceback } : {}),
      };
    } catch (error) {
      if (error instanceof WorkerExitedError) return sandboxError(error.message);
      throw error;
    } finally {
      clearTimeout(timer);
      this.release(worker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const worker of this.all) worker.close();
    this.all.clear();
    this.idle.length = 0;
  }

  private spawn(): PythonWorker {
    const slot = this.spawned++ % this.size;
    const cpu = this.pinCpus ? slot % availableParallelism() : undefined;
    const worker = new PythonWorker(buildLaunchCommand({ ...this.options, cpu }, forkServer()));
    worker.ready.catch(() => undefined);
    this.all.add(worker);
    return worker;
  }

  private acquire(): Promise<PythonWorker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Returns a worker to the pool, replacing it first if its sandbox died. */
  private release(worker: PythonWorker): void {
    if (this.closed) return;
    let next = worker;
    if (!worker.alive) {
      this.all.delete(worker);
      next = this.spawn();
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(next);
    else this.idle.push(next);
  }
}
