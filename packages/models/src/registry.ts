import { UnknownProviderError } from "./errors.js";
import type { ProviderDefinition } from "./provider.js";
import type { SamplingKnob } from "./sampling-support.js";
import { anthropicProvider } from "./providers/anthropic.js";
import { googleProvider } from "./providers/google.js";
import { groqProvider } from "./providers/groq.js";
import { openaiProvider } from "./providers/openai.js";
import { openaiCompatibleProvider, vllmProvider } from "./providers/openai-compatible.js";

/** Every provider a spec string can name, by the prefix before the colon. */
export const providers: Readonly<Record<string, ProviderDefinition>> = Object.freeze({
  [openaiProvider.name]: openaiProvider,
  [anthropicProvider.name]: anthropicProvider,
  [googleProvider.name]: googleProvider,
  [groqProvider.name]: groqProvider,
  [vllmProvider.name]: vllmProvider,
  [openaiCompatibleProvider.name]: openaiCompatibleProvider,
});

export interface ProviderSummary {
  name: string;
  description: string;
  apiKeyEnv: readonly string[];
  apiKeyRequired: boolean;
  baseUrlRequired: boolean;
  baseUrlEnv?: string;
  example: string;
  /** The sampling parameters its chat endpoint takes. */
  chatParams: readonly SamplingKnob[];
  /** Those its completions endpoint takes, when it has one. */
  completionsParams?: readonly SamplingKnob[];
}

export function listProviders(): ProviderSummary[] {
  return Object.values(providers).map((provider) => ({
    name: provider.name,
    description: provider.description,
    apiKeyEnv: provider.apiKeyEnv,
    apiKeyRequired: provider.apiKeyRequired,
    baseUrlRequired: provider.baseUrlRequired,
    ...(provider.baseUrlEnv ? { baseUrlEnv: provider.baseUrlEnv } : {}),
    example: provider.example,
    chatParams: provider.chatParams,
    ...(provider.completionsParams ? { completionsParams: provider.completionsParams } : {}),
  }));
}

export function getProvider(name: string): ProviderDefinition {
  const provider = providers[name];
  if (!provider) throw new UnknownProviderError(name, Object.keys(providers));
  return provider;
}
