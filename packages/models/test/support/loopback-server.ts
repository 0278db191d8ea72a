import { type IncomingHttpHeaders, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body is empty. */
  body: unknown;
  receivedAt: number;
}

export type Reply =
  | { json: unknown; status?: number; headers?: Record<string, string>; delayMs?: number }
  | { text: string; status?: number; headers?: Record<string, string>; delayMs?: number }
  /** Close the socket without answering, as a crashed server or a reset connection would. */
  | { drop: true; delayMs?: number };

export type Responder = (request: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export interface LoopbackServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  requests: ReceivedRequest[];
  /** Highest number of requests being handled at the same moment. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with an OS-chosen port, answering as `respond` says. */
export async function startLoopbackServer(respond: Responder): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let inFlight = 0;
  let maxInFlight = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: text === "" ? undefined : JSON.parse(text),
        receivedAt: Date.now(),
      };
      const index = requests.push(received) - 1;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      void (async () => {
        try {
          const reply = await respond(received, index);
          if (reply.delayMs) await wait(reply.delayMs);
          send(res, reply);
        } finally {
          inFlight--;
        }
      })();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  // The client may have given up (timeout, cancellation) while the reply was delayed.
  if (res.destroyed) return;
  if ("drop" in reply) {
    res.socket?.destroy();
    return;
  }
  const isJson = "json" in reply;
  const payload = isJson ? JSON.stringify(reply.json) : reply.text;
  res.writeHead(reply.status ?? 200, {
    "content-type": isJson ? "application/json" : "text/plain",
    ...reply.headers,
  });
  res.end(payload);
}

/** Answers with `replies` in order, then keeps answering with `fallback`. */
export function inOrder(replies: Reply[], fallback: Responder): Responder {
  return (request, index) => replies[index] ?? fallback(request, index);
}
