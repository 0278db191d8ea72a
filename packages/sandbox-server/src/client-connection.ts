import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { SubmissionCancelledError } from "./errors";

/**
 * Aborts when the client goes away before its answer is sent. The response's close, not the
 * request's, tells: Node closes a request as soon as its body has been read.
 */
export function disconnectSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  const cancel = () => controller.abort(new SubmissionCancelledError());
  if (response.destroyed) cancel();
  else {
    response.once("close", () => {
      if (!response.writableFinished) cancel();
    });
  }
  return controller.signal;
}

/**
 * Closes the connection of a client that has not taken in its whole answer within `ms`, so that a
 * client that never reads cannot keep a large answer in memory. `finish` means the answer reached
 * the operating system's socket buffer, and `close` follows it.
 */
export function armSendDeadline(response: ServerResponse, ms: number): void {
  const timer = setTimeout(() => response.destroy(), ms);
  timer.unref();
  response.once("close", () => clearTimeout(timer));
}

/**
 * Answers what Node refuses before a request reaches a route: a request not received in time
 * (408), headers too large (431) or a malformed request (400), in the API's error shape.
 */
export function clientErrorAnswerer(deadlines: { headersTimeoutMs: number; requestTimeoutMs: number }): (error: NodeJS.ErrnoException, socket: Socket) => void {
  const timeoutMessage =
    `the request was not received in time: its headers are due within ${deadlines.headersTimeoutMs / 1000} s and the whole request within ` +
    `${deadlines.requestTimeoutMs / 1000} s; send it without pausing (the server's --headers-timeout and --request-timeout)`;
  return (error, socket) => {
    // A reset connection has no one left to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const [status, message] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, timeoutMessage]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? [431, "the request's headers are too large; send fewer or shorter headers"]
          : [400, `malformed HTTP request: ${error.message}`];
    const body = JSON.stringify({ src_uid: "", exec_outcome: "ARGUMENT_ERROR", error: status === 408 ? "timeout" : "bad_request", message });
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    socket.destroy();
  };
}
