import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { withExtraBody } from "../extra-body.js";
import { normalizeFinishReason } from "../finish-reason.js";
import type { ProviderCall, ProviderDefinition, ProviderResult } from "../provider.js";
import { parseProviderBody } from "../response-schema.js";
import type { TokenUsage } from "../types.js";
import { fromGeneratedSdkError } from "./sdk-errors.js";
import { httpFetch } from "../http-fetch.js";

/** The Messages API requires max_tokens; used when the caller gives none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

const PROVIDER = "anthropic";

/** Sampling fields the SDK's types no longer list; models that still accept them honour them, others answer 400. */
type MessageBody = Anthropic.MessageCreateParamsNonStreaming & { temperature?: number; top_p?: number; top_k?: number };

function requestBody(model: string, call: ProviderCall): MessageBody {
  const { params } = call;
  const system = call.messages
    .filter((message) => message.role === "system")
    .map((message) => message.content)
    .join("\n\n");
  const body: MessageBody = {
    model,
    max_tokens: params.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: call.messages
      .filter((message) => message.role !== "system")
      .map((message) => ({ role: message.role as "user" | "assistant", content: message.content })),
  };
  if (system !== "") body.system = system;
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.topK !== undefined) body.top_k = params.topK;
  if (params.stop !== undefined && params.stop.length > 0) body.stop_sequences = params.stop;
  if (params.thinkingBudget !== undefined) body.thinking = { type: "enabled", budget_tokens: params.thinkingBudget };
  return withExtraBody(PROVIDER, body, params.extraBody);
}

const messageSchema = z.object({
  id: z.string(),
  content: z.array(
    z.union([
      z.object({ type: z.literal("text"), text: z.string() }),
      z.object({ type: z.literal("thinking"), thinking: z.string() }),
      // Redacted thinking, tool use and others carry no text for the answer.
      z.object({ type: z.string() }),
    ]),
  ),
  stop_reason: z.string().nullish(),
  usage: z.object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_read_input_tokens: z.number().int().nonnegative().nullish(),
    cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
    output_tokens_details: z.object({ thinking_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  }),
});

function resultFrom(raw: unknown): ProviderResult {
  const message = parseProviderBody(PROVIDER, messageSchema, raw);
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const block of message.content) {
    if ("text" in block) text.push(block.text);
    else if ("thinking" in block) reasoning.push(block.thinking);
  }
  const { usage } = message;
  const cacheRead = usage.cache_read_input_tokens;
  // input_tokens excludes cache reads and writes; the other providers count the whole prompt.
  const tokens: TokenUsage = {
    promptTokens: usage.input_tokens + (cacheRead ?? 0) + (usage.cache_creation_input_tokens ?? 0),
    completionTokens: usage.output_tokens,
  };
  if (cacheRead !== null && cacheRead !== undefined) tokens.cachedPromptTokens = cacheRead;
  const thinkingTokens = usage.output_tokens_details?.thinking_tokens;
  if (thinkingTokens !== null && thinkingTokens !== undefined) tokens.reasoningTokens = thinkingTokens;
  const finishReason = normalizeFinishReason(message.stop_reason);
  const choice = reasoning.length > 0
    ? { text: text.join(""), reasoning: reasoning.join("\n\n"), finishReason }
    : { text: text.join(""), finishReason };
  return { choices: [choice], usage: tokens, id: message.id };
}

export const anthropicProvider: ProviderDefinition = {
  name: PROVIDER,
  description: "Anthropic Messages API",
  example: "anthropic:claude-haiku-4-5",
  apiKeyEnv: ["ANTHROPIC_API_KEY"],
  apiKeyRequired: true,
  baseUrlRequired: false,
  nativeSamples: false,
  chatParams: ["temperature", "topP", "topK", "stop", "maxTokens", "thinkingBudget", "extraBody"],
  create(settings) {
    const client = new Anthropic({
      apiKey: settings.apiKey ?? null,
      // Passed explicitly so that ANTHROPIC_BASE_URL in the environment cannot redirect requests.
      baseURL: settings.baseUrl ?? "https://api.anthropic.com",
      maxRetries: 0,
      fetch: httpFetch,
      // Explicit, which also keeps the SDK from refusing large max_tokens without streaming.
      timeout: settings.sdkTimeoutMs,
    });
    return {
      async complete(call) {
        try {
          return resultFrom(await client.messages.create(requestBody(settings.model, call), { signal: call.signal }));
        } catch (error) {
          throw fromGeneratedSdkError(settings.provider, error, Anthropic);
        }
      },
    };
  },
};
