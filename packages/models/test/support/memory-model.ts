import type { ChatModel, ChatRequest, ChatResponse } from "../../src/index.js";

/** A model in memory for testing layers that involve no provider: it records each request it gets. */
export interface MemoryModel extends ChatModel {
  requests: ChatRequest[];
}

export type MemoryAnswer = (request: ChatRequest, index: number) => ChatResponse | Promise<ChatResponse>;

export function memoryModel(answer: MemoryAnswer = (request) => reply(request)): MemoryModel {
  const requests: ChatRequest[] = [];
  return {
    spec: "memory:m",
    provider: "memory",
    model: "m",
    requests,
    async chat(request) {
      const index = requests.push(request) - 1;
      return answer(request, index);
    },
  };
}

/** A fresh answer of `n` samples (the request's), each `text` followed by the sample's index. */
export function reply(request: ChatRequest, init: Partial<ChatResponse> & { text?: string } = {}): ChatResponse {
  const { text = "answer", ...rest } = init;
  const n = request.params?.n ?? 1;
  const first = request.sampleIndex ?? 0;
  return {
    choices: Array.from({ length: n }, (_, i) => ({ text: `${text} ${first + i}`, finishReason: "stop" })),
    usage: { promptTokens: 10, completionTokens: 5 * n },
    costUsd: null,
    latencyMs: 7,
    provider: "memory",
    model: "m",
    cached: false,
    attempts: 1,
    ...rest,
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it fires. */
export function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
