import { request } from "node:http";
import { connect } from "node:net";
import type { HealthReport } from "../src/index";

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function healthOf(url: string): Promise<{ status: number; report: HealthReport }> {
  const response = await fetch(`${url}/health`);
  return { status: response.status, report: (await response.json()) as HealthReport };
}

/** Waits until the health report satisfies `check`; answers it. */
export function healthWhen(url: string, check: (report: HealthReport) => boolean, timeoutMs: number, what: string): Promise<HealthReport> {
  return waitFor(
    async () => {
      const { report } = await healthOf(url);
      return check(report) ? report : undefined;
    },
    timeoutMs,
    what,
  );
}

/** Posts JSON on a connection of its own; calling the result hangs up before the answer. */
export function postThenHangUp(url: string, path: string, body: unknown): () => void {
  const outgoing = request(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, agent: false });
  // The hang-up is deliberate: the request's "socket hang up" error is the expected end.
  outgoing.on("error", () => undefined);
  outgoing.end(JSON.stringify(body));
  return () => outgoing.destroy();
}

export interface RawExchange {
  /** Everything the server sent before it closed the connection. */
  received: string;
  /** From the connection's opening to its close. */
  elapsedMs: number;
}

/**
 * Writes `chunks` on a raw connection, then one byte of `trickle` every 200 ms if given, and
 * collects what the server sends until it closes the connection.
 */
export function rawExchange(url: string, chunks: string[], trickle?: string, timeoutMs = 20_000): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    const socket = connect(Number(port), hostname, () => {
      for (const chunk of chunks) socket.write(chunk);
      if (trickle !== undefined) {
        let sent = 0;
        timer = setInterval(() => {
          if (sent < trickle.length && socket.writable) socket.write(trickle[sent++]!);
        }, 200);
      }
    });
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${timeoutMs} ms; received: ${received.slice(0, 200)}`));
    }, timeoutMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (received += chunk));
    // A server that cuts a connection may reset it; what it sent before counts.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, elapsedMs: Date.now() - started });
    });
  });
}

export function postHead(path: string, contentLength: number): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;
}
