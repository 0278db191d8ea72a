import type { ProviderDefinition } from "../provider.js";
import { createOpenAiSdkClient } from "./openai-sdk-client.js";

export const openaiProvider: ProviderDefinition = {
  name: "openai",
  description: "OpenAI API",
  example: "openai:gpt-4o-mini",
  apiKeyEnv: ["OPENAI_API_KEY"],
  apiKeyRequired: true,
  baseUrlRequired: false,
  nativeSamples: true,
  chatParams: ["temperature", "topP", "presencePenalty", "frequencyPenalty", "seed", "stop", "maxTokens", "reasoningEffort", "extraBody"],
  completionsParams: ["temperature", "topP", "presencePenalty", "frequencyPenalty", "seed", "stop", "maxTokens", "extraBody"],
  create: (settings) =>
    createOpenAiSdkClient(settings, {
      provider: settings.provider,
      // Reasoning models reject `max_tokens`; every current model accepts this one.
      maxTokensField: "max_completion_tokens",
    }),
};
