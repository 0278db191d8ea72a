import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A chat-completions request as the server received it. */
export interface SeenRequest {
  /** Order of arrival, from 0. */
  index: number;
  model: string;
  /** The last message's content. */
  prompt: string;
  temperature?: number;
  seed?: number;
  maxTokens?: number;
}

export type Reply =
  | { text: string; delayMs?: number }
  /** An HTTP error with an OpenAI-style error body. */
  | { status: number; message: string; delayMs?: number };

export type Responder = (request: SeenRequest) => Reply | Promise<Reply>;

export interface OpenAiLoopback {
  /** http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: SeenRequest[];
  /** Changes how later requests are answered. */
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions wire format, answering
 * as the test decides. Token counts are a quarter of the characters, rounded up.
 */
export async function startOpenAiLoopback(initial: Responder): Promise<OpenAiLoopback> {
  let responder = initial;
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void answer(req.url ?? "", Buffer.concat(chunks).toString("utf8"), res);
    });
  });

  async function answer(path: string, text: string, res: ServerResponse): Promise<void> {
    if (!path.endsWith("/chat/completions")) return send(res, 404, { error: { message: `no route ${path}`, type: "not_found" } });
    const body = JSON.parse(text) as {
      model: string;
      messages: Array<{ content: string }>;
      temperature?: number;
      seed?: number;
      max_tokens?: number;
      n?: number;
    };
    const prompt = body.messages.at(-1)?.content ?? "";
    const seen: SeenRequest = {
      index: requests.length,
      model: body.model,
      prompt,
      ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
      ...(body.seed === undefined ? {} : { seed: body.seed }),
      ...(body.max_tokens === undefined ? {} : { maxTokens: body.max_tokens }),
    };
    requests.push(seen);
    const reply = await responder(seen);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if ("status" in reply) return send(res, reply.status, { error: { message: reply.message, type: "server_error" } });
    const n = body.n ?? 1;
    send(res, 200, {
      id: `chatcmpl-loopback-${seen.index}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: Array.from({ length: n }, (_, index) => ({
        index,
        message: { role: "assistant", content: reply.text, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      })),
      usage: {
        prompt_tokens: Math.ceil(prompt.length / 4),
        completion_tokens: n * Math.ceil(reply.text.length / 4),
        total_tokens: Math.ceil(prompt.length / 4) + n * Math.ceil(reply.text.length / 4),
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
