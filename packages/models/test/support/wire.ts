import type { ReceivedRequest, Reply } from "./loopback-server.js";

/** Response bodies in each provider's documented wire format, built from the request as a server would. */

type Body = Record<string, unknown>;

function bodyOf(request: ReceivedRequest): Body {
  return (request.body ?? {}) as Body;
}

export interface OpenAiChoiceSpec {
  content: string | null;
  reasoning_content?: string;
  reasoning?: string;
  finish_reason?: string;
}

export interface OpenAiUsageSpec {
  prompt: number;
  completion: number;
  reasoning?: number;
  cached?: number;
}

export function openAiUsage(usage: OpenAiUsageSpec): Body {
  return {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
    prompt_tokens_details: { cached_tokens: usage.cached ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A chat.completion object; `choiceFor(i)` gives the i-th of the request's n choices. */
export function openAiChat(request: ReceivedRequest, choiceFor: (index: number) => OpenAiChoiceSpec, usage: OpenAiUsageSpec, extra: Body = {}): Reply {
  const body = bodyOf(request);
  const n = typeof body.n === "number" ? body.n : 1;
  return {
    json: {
      id: `chatcmpl-${request.receivedAt}`,
      object: "chat.completion",
      created: Math.floor(request.receivedAt / 1000),
      model: body.model,
      system_fingerprint: "fp_loopback",
      choices: Array.from({ length: n }, (_, index) => {
        const spec = choiceFor(index);
        const message: Body = { role: "assistant", content: spec.content, refusal: null };
        if (spec.reasoning_content !== undefined) message.reasoning_content = spec.reasoning_content;
        if (spec.reasoning !== undefined) message.reasoning = spec.reasoning;
        return { index, message, logprobs: null, finish_reason: spec.finish_reason ?? "stop" };
      }),
      usage: openAiUsage(usage),
      ...extra,
    },
  };
}

export function openAiCompletion(request: ReceivedRequest, textFor: (index: number) => string, usage: OpenAiUsageSpec): Reply {
  const body = bodyOf(request);
  const n = typeof body.n === "number" ? body.n : 1;
  return {
    json: {
      id: `cmpl-${request.receivedAt}`,
      object: "text_completion",
      created: Math.floor(request.receivedAt / 1000),
      model: body.model,
      choices: Array.from({ length: n }, (_, index) => ({ index, text: textFor(index), logprobs: null, finish_reason: "length" })),
      usage: openAiUsage(usage),
    },
  };
}

export function openAiError(status: number, message: string, type: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, json: { error: { message, type, param: null, code: null } } };
}

export interface AnthropicBlock {
  type: "text" | "thinking" | "redacted_thinking";
  text?: string;
  thinking?: string;
}

export function anthropicMessage(
  request: ReceivedRequest,
  blocks: AnthropicBlock[],
  usage: { input: number; output: number; cacheRead?: number; cacheWrite?: number; thinking?: number },
  stopReason = "end_turn",
): Reply {
  const body = bodyOf(request);
  return {
    json: {
      id: `msg_loopback_${request.receivedAt}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content: blocks.map((block) => {
        if (block.type === "text") return { type: "text", text: block.text ?? "", citations: null };
        if (block.type === "thinking") return { type: "thinking", thinking: block.thinking ?? "", signature: "c2lnbmF0dXJl" };
        return { type: "redacted_thinking", data: "ZW5jcnlwdGVk" };
      }),
      stop_reason: stopReason,
      stop_sequence: null,
      usage: {
        input_tokens: usage.input,
        output_tokens: usage.output,
        cache_creation_input_tokens: usage.cacheWrite ?? 0,
        cache_read_input_tokens: usage.cacheRead ?? 0,
        service_tier: "standard",
        ...(usage.thinking === undefined ? {} : { output_tokens_details: { thinking_tokens: usage.thinking } }),
      },
    },
  };
}

export function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, json: { type: "error", error: { type, message } } };
}

export function geminiResponse(
  parts: { text: string; thought?: boolean }[],
  usage: { prompt: number; candidates: number; thoughts?: number; cached?: number },
  finishReason = "STOP",
): Reply {
  return {
    json: {
      candidates: [{ content: { parts, role: "model" }, finishReason, index: 0 }],
      usageMetadata: {
        promptTokenCount: usage.prompt,
        candidatesTokenCount: usage.candidates,
        totalTokenCount: usage.prompt + usage.candidates + (usage.thoughts ?? 0),
        ...(usage.thoughts === undefined ? {} : { thoughtsTokenCount: usage.thoughts }),
        ...(usage.cached === undefined ? {} : { cachedContentTokenCount: usage.cached }),
        promptTokensDetails: [{ modality: "TEXT", tokenCount: usage.prompt }],
      },
      modelVersion: "gemini-loopback",
      responseId: "resp-loopback",
    },
  };
}

export function geminiError(code: number, status: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status: code, headers, json: { error: { code, message, status } } };
}

/** A 200 whose body is cut off half-way, as a crashing proxy might send. */
export const truncatedJson: Reply = { text: '{"id": "chatcmpl-1", "choices": [', headers: { "content-type": "application/json" } };
