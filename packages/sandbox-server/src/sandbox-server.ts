import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { autoCodeBenchDefinition, autoCodeBenchLanguages, runAutoCodeBenchProgram, type AutoCodeBenchRun } from "@cg/autocodebench-judge";
import { ExecutionAbortedError, ExecutorClosedError, findToolchain, type Executor, type PoolHealth, type ProgramJudge, type ResourceLimits } from "@cg/executor";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import { z } from "zod";
import { armSendDeadline, clientErrorAnswerer, disconnectSignal } from "./client-connection";
import { ConcurrencyGate } from "./concurrency-gate";
import { SandboxServerConfigError, ServerBusyError, SubmissionCancelledError, SubmissionError } from "./errors";
import { healthReport } from "./health";
import { listeningAddress, type ListeningAddress } from "./listening-address";
import { resolveServerSettings } from "./server-settings";
import { parseSubmission, type Submission, type SubmissionLimits } from "./submission";

/** What the server runs programs on: an executor that judges programs and reports its sandboxes' health, as ExecutionPool does. */
export type ServedExecutor = Executor & ProgramJudge & { health(): PoolHealth };

export interface SandboxServerOptions {
  /** Runs the programs: an ExecutionPool from @cg/executor. */
  executor: ServedExecutor;
  /** Interface to bind; loopback unless told otherwise (default 127.0.0.1). */
  host?: string;
  /** Port; 0 picks a free one (default 8080, the reference sandbox's). */
  port?: number;
  /** Bearer token every submission must carry; required when `host` is not a loopback address. */
  token?: string;
  /** Programs run at once (default 2); more wait in a queue. */
  maxConcurrency?: number;
  /** Submissions that may wait for a slot before the server answers 503 (default 256). */
  maxQueue?: number;
  /** Largest source, solution or test program in bytes (default 1 MiB). */
  maxSourceBytes?: number;
  /** Largest timeout a request may ask for (default 300 s). */
  maxTimeoutSeconds?: number;
  /** Most submissions in one batch request (default 100). */
  maxBatch?: number;
  /** Memory and other limits of every program (the timeout comes from each request). */
  limits?: Partial<Omit<ResourceLimits, "wallSeconds" | "cpuSeconds">>;
  /** Seconds a client has to send a request's headers (default 10); beyond, 408 and the connection is closed. */
  headersTimeoutSeconds?: number;
  /** Seconds a client has to send a whole request, headers and body (default 60); beyond, 408. Running the program is not counted. */
  requestTimeoutSeconds?: number;
  /** Seconds an idle connection is kept open for a next request (default 5). */
  keepAliveTimeoutSeconds?: number;
  /** Seconds a client has to take in an answer once it is ready (default 60); beyond, the connection is closed. */
  sendTimeoutSeconds?: number;
}

/** What `POST /submit` answers: the reference sandbox's fields, plus cg's own under `response_extensions`. */
export interface SubmitResponse {
  src_uid: string;
  all_code: string;
  exec_cout: string;
  exec_outcome: string;
  exec_compile_message: string;
  exec_runtime_message: string;
  response_extensions: {
    exec_runtime: number;
    outcome: string;
    stdout: string;
    stderr: string;
    exit_code: number | null;
    /** The executor's own verdict (passed, runtime_error, timeout, memory_limit, ...). */
    status: string;
    language: string;
    wall_ms: number;
    cpu_ms: number;
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

const batchSchema = z.object({ requests: z.array(z.unknown()).min(1, "requests must hold at least one submission") });

/** The HTTP service: `POST /submit`, `POST /submit/batch`, `GET /health`. Call `listen()` on it to serve. */
export function createSandboxServer(options: SandboxServerOptions): FastifyInstance {
  assertSafeBinding(options.host ?? "127.0.0.1", options.token);
  // The type asks for health(); callers without the types are checked here.
  if (typeof (options.executor as Partial<ServedExecutor> | undefined)?.health !== "function") {
    throw new SandboxServerConfigError("the executor must report its sandboxes' health (a health() method); pass an ExecutionPool from @cg/executor");
  }
  const settings = resolveServerSettings(options);
  const submissionLimits: SubmissionLimits = {
    maxSourceBytes: settings.maxSourceBytes,
    maxTimeoutSeconds: settings.maxTimeoutSeconds,
    defaultTimeoutSeconds: 5,
  };
  const maxBatch = settings.maxBatch;
  const gate = new ConcurrencyGate(settings.maxConcurrency, settings.maxQueue);
  // A batch of large programs is the largest body; anything beyond is refused before parsing.
  const bodyLimit = Math.max(4 * submissionLimits.maxSourceBytes, Math.min(maxBatch * 3 * submissionLimits.maxSourceBytes, 256 * 1024 * 1024));
  const app = Fastify({
    bodyLimit,
    logger: false,
    // Node's timers bound the time to receive a request; running it is not counted. Node checks
    // them every connectionsCheckingInterval (30 s by default): once a second cuts slow clients
    // off close to their deadline.
    requestTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    http: { headersTimeout: settings.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    clientErrorHandler: clientErrorAnswerer(settings),
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof SubmissionError) return reply.code(error.statusCode).send(argumentError(request, error.message));
    if (error instanceof ServerBusyError) return reply.code(503).header("retry-after", "1").send({ error: "busy", message: error.message });
    // Nobody is left to read this answer; 499 is what proxies log for a client that went away.
    if (error instanceof SubmissionCancelledError || error instanceof ExecutionAbortedError) return reply.code(499).send({ error: "cancelled", message: error.message });
    if (error instanceof ExecutorClosedError) return reply.code(503).send({ error: "unavailable", exec_outcome: "INTERNAL_ERROR", message: "the server's sandboxes are closed, as when it shuts down; retry against a running server" });
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.code(413).send(argumentError(request, `the request body exceeds ${bodyLimit} bytes; send smaller programs or fewer per batch`));
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      const message = error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" ? "send the submission as JSON with Content-Type: application/json" : `malformed request: ${error.message}`;
      return reply.code(error.statusCode).send(argumentError(request, message));
    }
    request.log.error(error);
    return reply.code(500).send({ error: "internal", exec_outcome: "INTERNAL_ERROR", message: `the server failed: ${error.message}` });
  });

  app.addHook("onSend", async (_request, reply, payload) => {
    armSendDeadline(reply.raw, settings.sendTimeoutMs);
    return payload;
  });

  if (options.token) {
    const expected = Buffer.from(`Bearer ${options.token}`);
    app.addHook("onRequest", async (request, reply) => {
      if (request.url === "/health") return;
      const given = Buffer.from(request.headers.authorization ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        await reply.code(401).send({ error: "unauthorized", message: 'this server needs "Authorization: Bearer <token>" with the token it was started with' });
      }
    });
  }

  const runOne = async (submission: Submission, signal: AbortSignal): Promise<SubmitResponse> => {
    const run = await gate.run(
      () =>
        runAutoCodeBenchProgram(options.executor, submission.language, submission.source, {
          timeoutSeconds: submission.timeoutSeconds,
          signal,
          ...(options.limits ? { limits: options.limits } : {}),
        }),
      signal,
    );
    return responseOf(submission, run);
  };

  app.post("/submit", async (request, reply) => runOne(parseSubmission(request.body, submissionLimits), disconnectSignal(reply.raw)));

  app.post("/submit/batch", async (request, reply) => {
    const parsed = batchSchema.safeParse(request.body);
    if (!parsed.success) throw new SubmissionError(400, `a batch is {"requests": [submission, ...]}: ${parsed.error.issues[0]!.message}`);
    if (parsed.data.requests.length > maxBatch) throw new SubmissionError(413, `a batch holds at most ${maxBatch} submissions, got ${parsed.data.requests.length}`);
    // A batch that fails as a whole (its client gone, a server error) stops its other programs too.
    const failed = new AbortController();
    const signal = AbortSignal.any([disconnectSignal(reply.raw), failed.signal]);
    // Each item is validated alone: a bad one is answered with its error, the others still run.
    const results = await Promise.all(
      parsed.data.requests.map(async (body) => {
        try {
          return await runOne(parseSubmission(body, submissionLimits), signal);
        } catch (error) {
          if (error instanceof SubmissionError || error instanceof ServerBusyError) {
            return { ...argumentErrorOf(body, error.message), status_code: error instanceof SubmissionError ? error.statusCode : 503 };
          }
          failed.abort(error);
          throw error;
        }
      }),
    );
    return { results };
  });

  // Toolchains do not change while the server runs: looked up once, not on every health check.
  const languages = autoCodeBenchLanguages().map((name) => ({ name, installed: findToolchain(autoCodeBenchDefinition(name)).installed }));
  app.get("/health", async (_request, reply) => {
    const { statusCode, report } = healthReport(
      options.executor.health(),
      { active: gate.activeCount, queued: gate.queuedCount, maxConcurrency: gate.slots, maxQueue: gate.queueLimit },
      languages,
    );
    return reply.code(statusCode).send(report);
  });

  return app;
}

/** Throws SandboxServerConfigError when `host` reaches beyond this machine and no token guards it. */
export function assertSafeBinding(host: string, token: string | undefined): void {
  if (!LOOPBACK.test(host) && !token) {
    throw new SandboxServerConfigError(`binding to ${host} exposes the sandbox beyond this machine; give a token (--token or CG_SERVE_TOKEN) that clients send as "Authorization: Bearer <token>"`);
  }
}

/** Creates the server and starts listening; resolves to where it can be reached. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<{ app: FastifyInstance } & ListeningAddress> {
  const app = createSandboxServer(options);
  await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 8080 });
  return { app, ...listeningAddress(app.server.address() as AddressInfo) };
}

function responseOf(submission: Submission, run: AutoCodeBenchRun): SubmitResponse {
  const failed = run.outcome !== "PASSED";
  const show = failed && submission.showLog;
  return {
    src_uid: submission.srcUid,
    all_code: submission.spliced ? submission.source : "",
    exec_cout: run.stdout,
    exec_outcome: run.outcome,
    exec_compile_message: show ? run.compileMessage : "",
    exec_runtime_message: show ? run.runtimeMessage : "",
    response_extensions: {
      exec_runtime: Math.round(run.wallMs) / 1000,
      outcome: run.outcome,
      stdout: run.stdout,
      stderr: run.stderr,
      exit_code: run.exitCode,
      status: run.status,
      language: run.language,
      wall_ms: run.wallMs,
      cpu_ms: run.cpuMs,
    },
  };
}

function argumentError(request: FastifyRequest, message: string): Record<string, string> {
  return argumentErrorOf(request.body, message);
}

function argumentErrorOf(body: unknown, message: string): Record<string, string> {
  const srcUid = typeof body === "object" && body !== null && typeof (body as { src_uid?: unknown }).src_uid === "string" ? (body as { src_uid: string }).src_uid : "";
  return { src_uid: srcUid, exec_outcome: "ARGUMENT_ERROR", error: "bad_request", message };
}
