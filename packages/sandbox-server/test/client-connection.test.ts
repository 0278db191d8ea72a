import { connect } from "node:net";
import { ExecutionPool } from "@cg/executor";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SubmitResponse } from "../src/index";
import { healthWhen, postHead, postThenHangUp, rawExchange, waitFor } from "./clients";

const SLEEPER = { lang: "python", source_code: "import time\ntime.sleep(30)\n", request_extensions: { timeout: 60 } };

let pool: ExecutionPool;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await pool?.close();
});

async function serve(options: Omit<Parameters<typeof startSandboxServer>[0], "executor" | "port">): Promise<string> {
  const { app, url } = await startSandboxServer({ executor: pool, port: 0, ...options });
  servers.push(app);
  return url;
}

async function submit(url: string, body: unknown): Promise<{ response: SubmitResponse; elapsedMs: number }> {
  const started = Date.now();
  const answer = await fetch(`${url}/submit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(answer.status).toBe(200);
  return { response: (await answer.json()) as SubmitResponse, elapsedMs: Date.now() - started };
}

describe("a client that hangs up before its answer", () => {
  let url: string;
  beforeAll(async () => {
    url = await serve({ maxConcurrency: 1, maxQueue: 4 });
  });

  it("gets its program killed and its slot freed", async () => {
    const replacedBefore = (await healthWhen(url, (h) => h.status === "ok", 30_000, "a healthy pool")).pool.replaced;
    const hangUp = postThenHangUp(url, "/submit", { src_uid: "sleeper", ...SLEEPER });
    await healthWhen(url, (h) => h.active === 1 && h.pool.busy === 1, 30_000, "the program to start");

    hangUp();
    // The program would sleep 30 s: only killing its sandbox frees the pool within 10 s.
    const after = await healthWhen(url, (h) => h.active === 0 && h.pool.busy === 0, 10_000, "the program to be killed");
    expect(after.pool.replaced).toBe(replacedBefore + 1);
    expect(after.pool.last_problem).toMatch(/cancelled/);

    await healthWhen(url, (h) => h.status === "ok", 30_000, "the replaced sandbox to start");
    const { response, elapsedMs } = await submit(url, { src_uid: "next", lang: "python", source_code: 'print("next")' });
    expect(response.exec_cout).toBe("next\n");
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it("never starts its program if it was still waiting for a slot", async () => {
    const replacedBefore = (await healthWhen(url, (h) => h.status === "ok", 30_000, "a healthy pool")).pool.replaced;
    const hangUpRunning = postThenHangUp(url, "/submit", { src_uid: "running", ...SLEEPER });
    await healthWhen(url, (h) => h.active === 1 && h.pool.busy === 1, 30_000, "the first program to start");
    const hangUpQueued = postThenHangUp(url, "/submit", { src_uid: "queued", ...SLEEPER });
    await healthWhen(url, (h) => h.queued === 1, 10_000, "the second submission to queue");

    hangUpQueued();
    const queueEmpty = await healthWhen(url, (h) => h.queued === 0, 10_000, "the queue to empty");
    expect(queueEmpty).toMatchObject({ active: 1, pool: { busy: 1, replaced: replacedBefore } });

    hangUpRunning();
    await healthWhen(url, (h) => h.active === 0 && h.pool.busy === 0, 10_000, "the running program to be killed");
    // Had the queued program taken the freed slot, it would be running (and sleeping) now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await healthWhen(url, () => true, 1000, "health")).pool).toMatchObject({ busy: 0, replaced: replacedBefore + 1 });
  });

  it("of a batch gets all of its programs killed, running or queued", async () => {
    const batchUrl = await serve({ maxConcurrency: 2, maxQueue: 4 });
    const replacedBefore = (await healthWhen(batchUrl, (h) => h.status === "ok", 30_000, "a healthy pool")).pool.replaced;
    const hangUp = postThenHangUp(batchUrl, "/submit/batch", { requests: ["a", "b", "c"].map((src_uid) => ({ src_uid, ...SLEEPER })) });
    await healthWhen(batchUrl, (h) => h.active === 2 && h.queued === 1 && h.pool.busy === 2, 30_000, "two programs running, one queued");

    hangUp();
    const after = await healthWhen(batchUrl, (h) => h.active === 0 && h.queued === 0 && h.pool.busy === 0, 10_000, "the batch's programs to be killed");
    expect(after.pool.replaced).toBe(replacedBefore + 2);
  });
});

describe("slow clients", () => {
  let url: string;
  beforeAll(async () => {
    url = await serve({ headersTimeoutSeconds: 1, requestTimeoutSeconds: 2, keepAliveTimeoutSeconds: 1 });
  });

  it("a body that stalls is cut off with 408 at the request deadline", async () => {
    const { received, elapsedMs } = await rawExchange(url, [postHead("/submit", 200), '{"src_uid": "stall", "lang": "python", ']);
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(received).toContain("the request was not received in time");
    expect(elapsedMs).toBeGreaterThanOrEqual(1900);
    expect(elapsedMs).toBeLessThan(6000);
  });

  it("a body that trickles in is cut off at the same deadline", async () => {
    const body = JSON.stringify({ src_uid: "trickle", lang: "python", source_code: "print(1)" });
    const { received, elapsedMs } = await rawExchange(url, [postHead("/submit", body.length)], body);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsedMs).toBeLessThan(6000);
  });

  it("headers that never end are cut off at the headers deadline", async () => {
    const { received, elapsedMs } = await rawExchange(url, ["POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"]);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsedMs).toBeLessThan(5000);
  });

  it("a program that runs longer than the request deadline is still answered", async () => {
    const { response } = await submit(url, { src_uid: "slow", lang: "python", source_code: "import time\ntime.sleep(3)\nprint('done')", request_extensions: { timeout: 10 } });
    expect(response).toMatchObject({ exec_outcome: "PASSED", exec_cout: "done\n" });
    expect(response.response_extensions.wall_ms).toBeGreaterThanOrEqual(2900);
  });

  it("an idle connection is closed after the keep-alive timeout", async () => {
    const body = JSON.stringify({ src_uid: "idle", lang: "python", source_code: "print(1)" });
    const answeredAt: number[] = [];
    const { received, elapsedMs } = await new Promise<{ received: string; elapsedMs: number }>((resolve) => {
      const started = Date.now();
      let received = "";
      const socket = connect(Number(new URL(url).port), "127.0.0.1", () => socket.write(postHead("/submit", body.length) + body));
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        received += chunk;
        answeredAt.push(Date.now() - started);
      });
      socket.on("close", () => resolve({ received, elapsedMs: Date.now() - started }));
    });
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(elapsedMs - answeredAt[answeredAt.length - 1]!).toBeLessThan(4000);
  });
});

describe("a client that does not read its answer", () => {
  it("is disconnected at the send deadline instead of holding the answer", async () => {
    const url = await serve({ maxSourceBytes: 4 * 1024 * 1024, maxBatch: 8, sendTimeoutSeconds: 1 });
    // Eight 3 MiB programs echoed back as all_code: an answer larger than the sockets' buffers.
    // Each sleeps a second, so that the batch is seen running.
    const filler = `# ${"x".repeat(3 * 1024 * 1024)}\n`;
    const requests = Array.from({ length: 8 }, (_, i) => ({ src_uid: `big-${i}`, lang: "python", func_code: filler, main_code: "import time\ntime.sleep(1)\n" }));
    const body = JSON.stringify({ requests });

    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.on("error", () => undefined);
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.pause();
    socket.write(postHead("/submit/batch", Buffer.byteLength(body)) + body);
    await healthWhen(url, (h) => h.active > 0, 30_000, "the batch to start");
    await healthWhen(url, (h) => h.active === 0 && h.queued === 0, 60_000, "the batch to finish");
    // Well past the send deadline, the client starts reading.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.resume();
    await waitFor(async () => (socket.destroyed ? true : undefined), 20_000, "the connection to close");
    await closed;
    const received = Buffer.concat(chunks);
    const head = received.subarray(0, received.indexOf("\r\n\r\n")).toString();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const declared = Number(/content-length: (\d+)/i.exec(head)![1]);
    expect(declared).toBeGreaterThan(24 * 1024 * 1024);
    expect(received.length - head.length - 4).toBeLessThan(declared);
  });
});
