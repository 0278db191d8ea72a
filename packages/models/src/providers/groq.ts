import Groq from "groq-sdk";
import type { ChatCompletionCreateParamsNonStreaming } from "groq-sdk/resources/chat/completions";
import type { ProviderDefinition } from "../provider.js";
import { type OpenAiDialect, chatCompletionBody, parseChatCompletion } from "./openai-wire.js";
import { fromGeneratedSdkError } from "./sdk-errors.js";
import { httpFetch } from "../http-fetch.js";

type ChatBody = ChatCompletionCreateParamsNonStreaming;

export const groqProvider: ProviderDefinition = {
  name: "groq",
  description: "Groq API",
  example: "groq:llama-3.3-70b-versatile",
  apiKeyEnv: ["GROQ_API_KEY"],
  apiKeyRequired: true,
  baseUrlRequired: false,
  // Groq accepts only n = 1.
  nativeSamples: false,
  // Groq documents presence and frequency penalties as taken by none of its models.
  chatParams: ["temperature", "topP", "seed", "stop", "maxTokens", "reasoningEffort", "extraBody"],
  create(settings) {
    const client = new Groq({
      apiKey: settings.apiKey,
      // Passed explicitly so that GROQ_BASE_URL in the environment cannot redirect requests.
      baseURL: settings.baseUrl ?? "https://api.groq.com",
      maxRetries: 0,
      fetch: httpFetch,
      timeout: settings.sdkTimeoutMs,
    });
    const dialect: OpenAiDialect = {
      provider: settings.provider,
      maxTokensField: "max_completion_tokens",
    };
    return {
      async complete(call) {
        try {
          const body = chatCompletionBody(settings.model, call, dialect) as unknown as ChatBody;
          return parseChatCompletion(settings.provider, await client.chat.completions.create(body, { signal: call.signal }));
        } catch (error) {
          throw fromGeneratedSdkError(settings.provider, error, Groq);
        }
      },
    };
  },
};
