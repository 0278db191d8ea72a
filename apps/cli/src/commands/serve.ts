import { ExecutionPool } from "@cg/executor";
import { assertSafeBinding, startSandboxServer, type ListeningAddress } from "@cg/sandbox-server";
import type { Command } from "commander";
import { decimal, parsePositiveInt, parsePositiveNumber, parseSandbox } from "../options";
import { UsageError } from "../usage-error";

interface ServeFlags {
  port: number;
  host: string;
  token?: string;
  workers?: number;
  maxConcurrency?: number;
  maxQueue: number;
  maxSourceBytes: number;
  maxTimeout: number;
  memoryLimit?: number;
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  sendTimeout: number;
  sandbox: "bubblewrap" | "process";
}

const TOKEN_ENV = "CG_SERVE_TOKEN";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the sandbox over HTTP with AutoCodeBench's sandbox API (POST /submit, POST /submit/batch, GET /health), until stopped")
    .option("--port <port>", "port to listen on; 0 picks a free one", parsePort, 8080)
    .option("--host <address>", "interface to bind; anything but loopback needs a token", "127.0.0.1")
    .option("--token <token>", `bearer token clients must send (default: $${TOKEN_ENV})`)
    .option("--workers <n>", "parallel sandboxes (default: number of cores)", parsePositiveInt("--workers"))
    .option("--max-concurrency <n>", "programs run at once (default: --workers)", parsePositiveInt("--max-concurrency"))
    .option("--max-queue <n>", "submissions waiting for a sandbox before the server answers 503", parsePositiveInt("--max-queue"), 256)
    .option("--max-source-bytes <n>", "largest program accepted", parsePositiveInt("--max-source-bytes"), 1024 * 1024)
    .option("--max-timeout <seconds>", "largest timeout a request may ask for", parsePositiveNumber("--max-timeout"), 300)
    .option("--memory-limit <MiB>", "memory limit of every program (default: the executor's, 2048)", parsePositiveInt("--memory-limit"))
    .option("--headers-timeout <seconds>", "time a client has to send a request's headers (408 beyond)", parsePositiveNumber("--headers-timeout"), 10)
    .option("--request-timeout <seconds>", "time a client has to send a whole request, body included (408 beyond); running it is not counted", parsePositiveNumber("--request-timeout"), 60)
    .option("--keep-alive-timeout <seconds>", "time an idle connection is kept open for a next request", parsePositiveNumber("--keep-alive-timeout"), 5)
    .option("--send-timeout <seconds>", "time a client has to take in an answer before its connection is closed", parsePositiveNumber("--send-timeout"), 60)
    .option("--sandbox <kind>", "bubblewrap, or the weaker process sandbox", parseSandbox, "bubblewrap")
    .action(async (flags: ServeFlags) => {
      const token = flags.token ?? (process.env[TOKEN_ENV] || undefined);
      assertSafeBinding(flags.host, token);
      if (flags.headersTimeout > flags.requestTimeout) {
        throw new UsageError(`--headers-timeout (${flags.headersTimeout}) must not exceed --request-timeout (${flags.requestTimeout}): the headers are part of the request`);
      }
      const pool = await ExecutionPool.create({ kind: flags.sandbox, workers: flags.workers });
      try {
        const { app, ...address } = await startSandboxServer({
          executor: pool,
          host: flags.host,
          port: flags.port,
          ...(token === undefined ? {} : { token }),
          maxConcurrency: flags.maxConcurrency ?? pool.size,
          maxQueue: flags.maxQueue,
          maxSourceBytes: flags.maxSourceBytes,
          maxTimeoutSeconds: flags.maxTimeout,
          headersTimeoutSeconds: flags.headersTimeout,
          requestTimeoutSeconds: flags.requestTimeout,
          keepAliveTimeoutSeconds: flags.keepAliveTimeout,
          sendTimeoutSeconds: flags.sendTimeout,
          ...(flags.memoryLimit === undefined ? {} : { limits: { memoryBytes: flags.memoryLimit * 1024 * 1024 } }),
        }).catch((error: NodeJS.ErrnoException) => {
          if (error.code === "EADDRINUSE") throw new UsageError(`port ${flags.port} on ${flags.host} is already in use; pick another with --port (0 picks a free one)`);
          if (error.code === "EADDRNOTAVAIL") throw new UsageError(`${flags.host} is not an address of this machine; pass one of its addresses to --host`);
          throw error;
        });
        process.stderr.write(`cg serve: ${listening(address)} (${flags.sandbox} sandbox, ${pool.size} workers${token ? ", token required" : ""})\n`);
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        process.stderr.write(`cg serve: ${signal}, finishing the submissions in hand\n`);
        await app.close();
      } finally {
        await pool.close();
      }
    });
}

/** Where clients reach the server: on a wildcard address, each of this machine's addresses. */
function listening(address: ListeningAddress): string {
  if (!address.allInterfaces) return `listening on ${address.url}`;
  return `listening on all interfaces (${address.boundTo}), reachable at ${address.urls.join(", ")}`;
}

function parsePort(value: string): number {
  const port = decimal(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${value}"`);
  return port;
}
