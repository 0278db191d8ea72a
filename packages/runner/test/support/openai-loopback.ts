import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A chat-completions or completions request as the server received it. */
export interface SeenRequest {
  /** Order of arrival, from 0. */
  index: number;
  /** `/v1/chat/completions` or `/v1/completions`. */
  path: string;
  model: string;
  /** The last message's content, or the completions endpoint's prompt. */
  prompt: string;
  temperature?: number;
  seed?: number;
  maxTokens?: number;
  /** Samples asked for (1 when the body names none). */
  n: number;
  /** The whole request body. */
  body: Record<string, unknown>;
}

export type Reply =
  /** `text` for every sample asked for, or `texts`, one per sample. */
  | { text: string; texts?: string[]; delayMs?: number }
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

export interface LoopbackOptions {
  /** Model ids listed at `GET /v1/models`; without them the server has no such route (404). */
  models?: string[];
}

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions and completions wire
 * formats, answering as the test decides. Token counts are a quarter of the characters, rounded
 * up: the prompt's once, each sample's text.
 */
export async function startOpenAiLoopback(initial: Responder, options: LoopbackOptions = {}): Promise<OpenAiLoopback> {
  let responder = initial;
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void answer(req.method ?? "", (req.url ?? "").replace(/\?.*$/, ""), Buffer.concat(chunks).toString("utf8"), res);
    });
  });

  async function answer(method: string, path: string, text: string, res: ServerResponse): Promise<void> {
    if (method === "GET" && path === "/v1/models" && options.models) {
      return send(res, 200, { object: "list", data: options.models.map((id) => ({ id, object: "model", owned_by: "loopback" })) });
    }
    const chat = path === "/v1/chat/completions";
    if (!chat && path !== "/v1/completions") return send(res, 404, { error: { message: `no route ${path}`, type: "not_found" } });
    const body = JSON.parse(text) as Record<string, unknown> & {
      model: string;
      messages?: Array<{ content: string }>;
      prompt?: string;
      temperature?: number;
      seed?: number;
      max_tokens?: number;
      n?: number;
    };
    const prompt = chat ? (body.messages?.at(-1)?.content ?? "") : (body.prompt ?? "");
    const n = body.n ?? 1;
    const seen: SeenRequest = {
      index: requests.length,
      path,
      model: body.model,
      prompt,
      ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
      ...(body.seed === undefined ? {} : { seed: body.seed }),
      ...(body.max_tokens === undefined ? {} : { maxTokens: body.max_tokens }),
      n,
      body,
    };
    requests.push(seen);
    const reply = await responder(seen);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if ("status" in reply) return send(res, reply.status, { error: { message: reply.message, type: "server_error" } });
    const texts = Array.from({ length: n }, (_, index) => reply.texts?.[index] ?? reply.text);
    const completionTokens = texts.reduce((sum, sample) => sum + Math.ceil(sample.length / 4), 0);
    send(res, 200, {
      id: `${chat ? "chatcmpl" : "cmpl"}-loopback-${seen.index}`,
      object: chat ? "chat.completion" : "text_completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: texts.map((sample, index) =>
        chat
          ? { index, message: { role: "assistant", content: sample, refusal: null }, logprobs: null, finish_reason: "stop" }
          : { index, text: sample, logprobs: null, finish_reason: "stop" },
      ),
      usage: {
        prompt_tokens: Math.ceil(prompt.length / 4),
        completion_tokens: completionTokens,
        total_tokens: Math.ceil(prompt.length / 4) + completionTokens,
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
