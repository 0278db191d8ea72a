import { z } from "zod";
import { UnsupportedParameterError } from "../errors.js";
import { normalizeFinishReason } from "../finish-reason.js";
import type { ProviderCall, ProviderResult } from "../provider.js";
import { withReasoning } from "../reasoning.js";
import { parseProviderBody } from "../response-schema.js";
import type { ChatMessage, TokenUsage } from "../types.js";

/** What a server speaking the OpenAI chat format accepts beyond the common parameters. */
export interface OpenAiDialect {
  provider: string;
  /** Name of the output-length field on the chat endpoint. */
  maxTokensField: "max_tokens" | "max_completion_tokens";
  /** top_k, min_p, repetition_penalty and chat_template_kwargs (vLLM, SGLang, llama.cpp...). */
  samplingExtras: boolean;
  reasoningEffort: boolean;
}

type Body = Record<string, unknown>;

function commonBody(model: string, call: ProviderCall, dialect: OpenAiDialect, maxTokensField: string): Body {
  const { params } = call;
  const body: Body = { model };
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.maxTokens !== undefined) body[maxTokensField] = params.maxTokens;
  if (params.stop !== undefined && params.stop.length > 0) body.stop = params.stop;
  if (params.seed !== undefined) body.seed = params.seed;
  if (params.presencePenalty !== undefined) body.presence_penalty = params.presencePenalty;
  if (params.frequencyPenalty !== undefined) body.frequency_penalty = params.frequencyPenalty;
  // Omitted for a single sample so that servers without `n` support are never sent it.
  if (params.n > 1) body.n = params.n;
  if (params.thinkingBudget !== undefined) {
    throw new UnsupportedParameterError(dialect.provider, "thinkingBudget", "use reasoningEffort or chatTemplateKwargs instead");
  }
  if (params.reasoningEffort !== undefined) {
    if (!dialect.reasoningEffort) throw new UnsupportedParameterError(dialect.provider, "reasoningEffort");
    body.reasoning_effort = params.reasoningEffort;
  }
  const extras: [keyof typeof params, string][] = [
    ["topK", "top_k"],
    ["minP", "min_p"],
    ["repetitionPenalty", "repetition_penalty"],
  ];
  for (const [name, wireName] of extras) {
    const value = params[name];
    if (value === undefined) continue;
    if (!dialect.samplingExtras) throw new UnsupportedParameterError(dialect.provider, name);
    body[wireName] = value;
  }
  return body;
}

export function chatCompletionBody(model: string, call: ProviderCall, dialect: OpenAiDialect): Body {
  const body = commonBody(model, call, dialect, dialect.maxTokensField);
  body.messages = call.messages.map((message) => ({ role: message.role, content: message.content }));
  if (call.params.chatTemplateKwargs !== undefined) {
    if (!dialect.samplingExtras) throw new UnsupportedParameterError(dialect.provider, "chatTemplateKwargs");
    body.chat_template_kwargs = call.params.chatTemplateKwargs;
  }
  return body;
}

export function completionBody(model: string, call: ProviderCall, dialect: OpenAiDialect): Body {
  if (call.params.chatTemplateKwargs !== undefined) {
    throw new UnsupportedParameterError(dialect.provider, "chatTemplateKwargs", "the completions endpoint applies no chat template");
  }
  // The legacy endpoint knows only the original name.
  const body = commonBody(model, call, dialect, "max_tokens");
  body.prompt = promptFromMessages(call.messages);
  return body;
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
