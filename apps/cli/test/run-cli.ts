import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
export const CLI = resolve(here, "../dist/cli.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface StartedCli {
  child: ChildProcess;
  done: Promise<CliRun>;
  /** What the process has written to stderr so far. */
  stderrSoFar(): string;
}

/** Starts `cg` with `args`; `input`, when given, is written to its standard input. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): StartedCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (input !== undefined) child.stdin!.end(input);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolveRun) => child.on("close", (code) => resolveRun({ code, stdout, stderr })));
  return { child, done, stderrSoFar: () => stderr };
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv, input?: string): Promise<CliRun> {
  return startCli(args, env, input).done;
}
