import { z } from "zod";
import { withExtraBody } from "../extra-body.js";
import { normalizeFinishReason } from "../finish-reason.js";
import type { ProviderCall, ProviderResult } from "../provider.js";
import { withReasoning } from "../reasoning.js";
import { parseProviderBody } from "../response-schema.js";
import type { ChatMessage, TokenUsage } from "../types.js";

/** How a server speaking the OpenAI chat format names what varies between servers. */
export interface OpenAiDialect {
  provider: string;
  /** Name of the output-length field on the chat endpoint. */
  maxTokensField: "max_tokens" | "max_completion_tokens";
}

type Body = Record<string, unknown>;

/**
 * Each sampling parameter's field. The provider's declared parameters (`chatParams`,
 * `completionsParams`) are checked before a body is built, so every one present is sent.
 */
const WIRE_NAMES = {
  temperature: "temperature",
  topP: "top_p",
  topK: "top_k",
  minP: "min_p",
  presencePenalty: "presence_penalty",
  frequencyPenalty: "frequency_penalty",
  repetitionPenalty: "repetition_penalty",
  reasoningEffort: "reasoning_effort",
} as const;

function commonBody(model: string, call: ProviderCall, maxTokensField: string): Body {
  const { params } = call;
  const body: Body = { model };
  for (const [name, wireName] of Object.entries(WIRE_NAMES) as [keyof typeof WIRE_NAMES, string][]) {
    if (params[name] !== undefined) body[wireName] = params[name];
  }
  if (params.maxTokens !== undefined) body[maxTokensField] = params.maxTokens;
  if (params.stop !== undefined && params.stop.length > 0) body.stop = params.stop;
  if (params.seed !== undefined) body.seed = params.seed;
  // Omitted for a single sample so that servers without `n` support are never sent it.
  if (params.n > 1) body.n = params.n;
  return body;
}

export function chatCompletionBody(model: string, call: ProviderCall, dialect: OpenAiDialect): Body {
  const body = commonBody(model, call, dialect.maxTokensField);
  body.messages = call.messages.map((message) => ({ role: message.role, content: message.content }));
  if (call.params.chatTemplateKwargs !== undefined) body.chat_template_kwargs = call.params.chatTemplateKwargs;
  return withExtraBody(dialect.provider, body, call.params.extraBody);
}

export function completionBody(model: string, call: ProviderCall, dialect: OpenAiDialect): Body {
  // The legacy endpoint knows only the original name.
  const body = commonBody(model, call, "max_tokens");
  body.prompt = promptFromMessages(call.messages);
  return withExtraBody(dialect.provider, body, call.params.extraBody);
}

/** A base model has no roles: the prompt is the messages' text, separated by blank lines. */
export function promptFromMessages(messages: ChatMessage[]): string {
  return messages.map((message) => message.content).join("\n\n");
}

const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
});

const chatCompletionSchema = z.object({
  id: z.string().nullish(),
  choices: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      message: z.object({
        content: z.string().nullish(),
        // vLLM's reasoning parsers use `reasoning_content` (older) or `reasoning`; Groq uses `reasoning`.
        reasoning_content: z.string().nullish(),
        reasoning: z.string().nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema.nullish(),
});

const completionSchema = z.object({
  id: z.string().nullish(),
  choices: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      text: z.string(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema.nullish(),
});

function usageFrom(usage: z.infer<typeof usageSchema> | null | undefined): TokenUsage {
  if (!usage) return { promptTokens: 0, completionTokens: 0 };
  const result: TokenUsage = { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined && reasoning !== null) result.reasoningTokens = reasoning;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined && cached !== null) result.cachedPromptTokens = cached;
  return result;
}

function withId(result: ProviderResult, id: string | null | undefined): ProviderResult {
  return id ? { ...result, id } : result;
}

export function parseChatCompletion(provider: string, raw: unknown): ProviderResult {
  const body = parseProviderBody(provider, chatCompletionSchema, raw);
  const choices = [...body.choices]
    .sort((a, b) => a.index - b.index)
    .map((choice) => {
      const message = choice.message;
      const split = withReasoning(message.content ?? "", message.reasoning_content ?? message.reasoning);
      return { ...split, finishReason: normalizeFinishReason(choice.finish_reason) };
    });
  return withId({ choices, usage: usageFrom(body.usage) }, body.id);
}

export function parseCompletion(provider: string, raw: unknown): ProviderResult {
  const body = parseProviderBody(provider, completionSchema, raw);
  const choices = [...body.choices]
    .sort((a, b) => a.index - b.index)
    .map((choice) => ({ ...withReasoning(choice.text, undefined), finishReason: normalizeFinishReason(choice.finish_reason) }));
  return withId({ choices, usage: usageFrom(body.usage) }, body.id);
}
