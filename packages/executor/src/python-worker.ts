import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { rmSync } from "node:fs";
import { createInterface } from "node:readline";
import type { RawStep } from "./judge-verdict";
import type { ProgramJob } from "./program-job";
import type { LaunchCommand } from "./sandbox-command";
import type { ExecutionResult, ResourceLimits } from "./types";

export interface WorkerJob {
  source: string;
  tests?: string;
  mode: "tests" | "script";
  stdin?: string;
  limits: ResourceLimits;
}

type RawResponse = Partial<ExecutionResult> & {
  id?: number;
  pong?: boolean;
  sandboxed?: boolean;
  python?: string;
  /** Present in answers to program jobs. */
  steps?: RawStep[];
  /** The server could not restore a clean state after this request and is exiting. */
  retire?: string;
};

interface Pending {
  resolve: (response: RawResponse) => void;
  reject: (error: Error) => void;
}

/** Why a worker process stopped answering. */
export class WorkerExitedError extends Error {
  override readonly name = "WorkerExitedError";
}

/**
 * One warm interpreter (the fork server) inside its own sandbox. It runs one program at a time;
 * parallelism comes from several workers.
 */
export class PythonWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending: Pending | undefined;
  private nextId = 1;
  private exited = false;
  private retiredReason: string | undefined;
  private stderrTail = "";
  readonly ready: Promise<{ sandboxed: boolean; python: string }>;
  /** Settles once the sandbox's process has exited. */
  readonly done: Promise<void>;
  private markDone!: () => void;

  constructor(private readonly launch: LaunchCommand) {
    this.done = new Promise((resolve) => {
      this.markDone = resolve;
    });
    this.child = spawn(launch.command, launch.args, {
      env: launch.env,
      uid: launch.uid,
      gid: launch.gid,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    const lines = createInterface({ input: this.child.stdout, crlfDelay: Infinity });
    lines.on("line", (line) => this.onLine(line));
    this.child.on("error", (error) => this.onExit(error.message));
    // A write to a sandbox that just died fails with EPIPE; its exit event reports why.
    this.child.stdin.on("error", (error) => this.onExit(`stopped reading requests (${error.message})`));
    this.child.on("exit", (code, signal) => {
      this.onExit(`exited with ${signal ?? `code ${code}`}`);
      this.markDone();
    });
    this.child.on("error", () => this.markDone());
    this.ready = this.send({ ping: true }).then((response) => {
      if (!response.pong) throw new WorkerExitedError("the sandbox did not answer its start-up check");
      return { sandboxed: Boolean(response.sandboxed), python: String(response.python) };
    });
  }

  /** False once the process exited or the worker was retired: it never serves again. */
  get alive(): boolean {
    return !this.exited && this.retiredReason === undefined;
  }

  /** Why the worker was retired, if it was. */
  get retired(): string | undefined {
    return this.retiredReason;
  }

  run(job: WorkerJob): Promise<RawResponse> {
    return this.send({
      source: job.source,
      ...(job.tests !== undefined ? { tests: job.tests } : {}),
      mode: job.mode,
      stdin: job.stdin ?? "",
      limits: job.limits,
    });
  }

  /** Writes the program's files and runs its steps (compile, then tests) in one request. */
  runProgram(job: ProgramJob): Promise<RawResponse> {
    return this.send({ ...job });
  }

  /** Kills the sandbox; the worker is out of service from this call on, before its exit is seen. */
  close(reason = "closed"): void {
    this.retiredReason ??= reason;
    if (this.exited) return;
    this.child.stdin.end();
    this.child.kill("SIGKILL");
  }

  private send(message: Record<string, unknown>): Promise<RawResponse> {
    if (!this.alive) {
      return Promise.reject(new WorkerExitedError(this.describeExit(`the sandbox worker is out of service (${this.retiredReason ?? "exited"})`)));
    }
    if (this.pending) throw new Error("PythonWorker runs one program at a time");
    const id = this.nextId++;
    return new Promise<RawResponse>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.stdin.write(`${JSON.stringify({ ...message, id })}\n`);
    });
  }

  private onLine(line: string): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    try {
      const response = JSON.parse(line) as RawResponse;
      if (response.retire) this.retiredReason ??= response.retire;
      pending.resolve(response);
    } catch (error) {
      pending.reject(new WorkerExitedError(`the sandbox worker sent an unreadable reply: ${(error as Error).message}`));
    }
  }

  private onExit(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    if (this.launch.scratchDir) rmSync(this.launch.scratchDir, { recursive: true, force: true });
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(new WorkerExitedError(this.describeExit(`the sandbox worker ${reason}`)));
  }

  private describeExit(prefix: string): string {
    const detail = this.stderrTail.trim();
    return detail ? `${prefix}: ${detail}` : prefix;
  }
}
