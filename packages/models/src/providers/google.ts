import { ApiError, type Content, type GenerateContentConfig, GoogleGenAI } from "@google/genai";
import { z } from "zod";
import { ModelRequestError } from "../errors.js";
import { normalizeFinishReason } from "../finish-reason.js";
import { httpFetch } from "../http-fetch.js";
import type { ProviderCall, ProviderDefinition, ProviderResult } from "../provider.js";
import { parseProviderBody } from "../response-schema.js";
import { parseRetryAfter } from "../retry-after.js";
import type { TokenUsage } from "../types.js";
import { isRetryableStatus, malformedIfParseFailure, providerMessageFrom } from "./sdk-errors.js";

const PROVIDER = "google";

function requestConfig(call: ProviderCall): GenerateContentConfig {
  const { params } = call;
  const config: GenerateContentConfig = {};
  const system = call.messages.filter((message) => message.role === "system").map((message) => message.content);
  if (system.length > 0) config.systemInstruction = system.join("\n\n");
  if (params.temperature !== undefined) config.temperature = params.temperature;
  if (params.topP !== undefined) config.topP = params.topP;
  if (params.topK !== undefined) config.topK = params.topK;
  if (params.maxTokens !== undefined) config.maxOutputTokens = params.maxTokens;
  if (params.stop !== undefined && params.stop.length > 0) config.stopSequences = params.stop;
  if (params.seed !== undefined) config.seed = params.seed;
  if (params.presencePenalty !== undefined) config.presencePenalty = params.presencePenalty;
  if (params.frequencyPenalty !== undefined) config.frequencyPenalty = params.frequencyPenalty;
  if (params.thinkingBudget !== undefined) {
    config.thinkingConfig = { thinkingBudget: params.thinkingBudget, includeThoughts: true };
  }
  return config;
}

function contentsFrom(call: ProviderCall): Content[] {
  return call.messages
    .filter((message) => message.role !== "system")
    .map((message) => ({ role: message.role === "assistant" ? "model" : "user", parts: [{ text: message.content }] }));
}

const tokenCount = z.number().int().nonnegative().nullish();

const responseSchema = z.object({
  responseId: z.string().nullish(),
  candidates: z
    .array(
      z.object({
        content: z
          .object({ parts: z.array(z.object({ text: z.string().nullish(), thought: z.boolean().nullish() })).nullish() })
          .nullish(),
        finishReason: z.string().nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z.object({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: z
    .object({
      promptTokenCount: tokenCount,
      candidatesTokenCount: tokenCount,
      thoughtsTokenCount: tokenCount,
      cachedContentTokenCount: tokenCount,
    })
    .nullish(),
});

function resultFrom(raw: unknown): ProviderResult {
  const body = parseProviderBody(PROVIDER, responseSchema, raw);
  const candidate = body.candidates?.[0];
  const blocked = body.promptFeedback?.blockReason;
  if (!candidate && !blocked) {
    throw new ModelRequestError({ provider: PROVIDER, kind: "malformed-response", providerMessage: "response has no candidates", retryable: true });
  }
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (!part.text) continue;
    (part.thought ? reasoning : text).push(part.text);
  }
  const finishReason = candidate ? normalizeFinishReason(candidate.finishReason) : "content_filter";
  const meta = body.usageMetadata;
  const thoughts = meta?.thoughtsTokenCount ?? undefined;
  // Thinking tokens are billed as output, as in the other providers' completion counts.
  const usage: TokenUsage = {
    promptTokens: meta?.promptTokenCount ?? 0,
    completionTokens: (meta?.candidatesTokenCount ?? 0) + (thoughts ?? 0),
  };
  if (thoughts !== undefined) usage.reasoningTokens = thoughts;
  if (meta?.cachedContentTokenCount !== undefined && meta.cachedContentTokenCount !== null) {
    usage.cachedPromptTokens = meta.cachedContentTokenCount;
  }
  const choice = reasoning.length > 0
    ? { text: text.join(""), reasoning: reasoning.join(""), finishReason }
    : { text: text.join(""), finishReason };
  return body.responseId ? { choices: [choice], usage, id: body.responseId } : { choices: [choice], usage };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

export const googleProvider: ProviderDefinition = {
  name: PROVIDER,
  description: "Google Gemini API",
  example: "google:gemini-2.5-flash",
  apiKeyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
  apiKeyRequired: true,
  baseUrlRequired: false,
  nativeSamples: false,
  chatParams: ["temperature", "topP", "topK", "presencePenalty", "frequencyPenalty", "seed", "stop", "maxTokens", "thinkingBudget", "extraBody"],
  create(settings) {
    const client = new GoogleGenAI({
      apiKey: settings.apiKey ?? "",
      // The SDK retries only when retryOptions is set, which it is not here.
      httpOptions: { ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}), timeout: settings.sdkTimeoutMs },
    });
    return {
      async complete(call) {
        // The SDK's ApiError carries no headers, so Retry-After is read on the way through.
        let retryAfterMs: number | undefined;
        const recordingFetch: typeof fetch = async (input, init) => {
          try {
            const response = await httpFetch(input, init);
            if (!response.ok) retryAfterMs = parseRetryAfter(response.headers);
            return response;
          } catch (error) {
            if (isAbort(error)) throw error;
            throw new ModelRequestError({
              provider: settings.provider,
              kind: "connection",
              providerMessage: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error),
              retryable: true,
              cause: error,
            });
          }
        };
        try {
          const response = await client.models.generateContent({
            model: settings.model,
            contents: contentsFrom(call),
            config: {
              ...requestConfig(call),
              abortSignal: call.signal,
              // The SDK merges these members into the request body it builds.
              httpOptions: { fetch: recordingFetch, ...(call.params.extraBody ? { extraBody: call.params.extraBody } : {}) },
            },
          });
          return resultFrom(response);
        } catch (error) {
          if (error instanceof ApiError) {
            throw new ModelRequestError({
              provider: settings.provider,
              kind: "http",
              status: error.status,
              providerMessage: geminiMessage(error.message),
              retryable: isRetryableStatus(error.status),
              ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
              cause: error,
            });
          }
          throw malformedIfParseFailure(settings.provider, error);
        }
      },
    };
  },
};

/** The SDK puts the whole JSON error body in the message; the provider's sentence is inside. */
function geminiMessage(message: string): string {
  try {
    return providerMessageFrom(JSON.parse(message), message);
  } catch (error) {
    // Not JSON (a proxy's plain-text page): the text itself is the message.
    if (error instanceof SyntaxError) return message;
    throw error;
  }
}
