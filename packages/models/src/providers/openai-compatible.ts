import type { ProviderDefinition, ProviderSettings } from "../provider.js";
import { createOpenAiSdkClient } from "./openai-sdk-client.js";

/** "http://host:8000" and "http://host:8000/v1" both work: a bare server address gets the usual /v1. */
export function normalizeCompatibleBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.pathname === "" || url.pathname === "/") url.pathname = "/v1";
  return url.toString().replace(/\/+$/, "");
}

function compatibleClient(settings: ProviderSettings) {
  return createOpenAiSdkClient(
    { ...settings, ...(settings.baseUrl ? { baseUrl: normalizeCompatibleBaseUrl(settings.baseUrl) } : {}) },
    {
      provider: settings.provider,
      // The older name is the one every compatible server understands.
      maxTokensField: "max_tokens",
      samplingExtras: true,
      reasoningEffort: true,
    },
  );
}

/** A vLLM server: `n` samples per request share the prompt's prefill. */
export const vllmProvider: ProviderDefinition = {
  name: "vllm",
  description: "vLLM OpenAI-compatible server (needs --base-url)",
  example: "vllm:Qwen/Qwen3-Coder-30B-A3B-Instruct",
  apiKeyEnv: ["VLLM_API_KEY"],
  apiKeyRequired: false,
  baseUrlEnv: "VLLM_BASE_URL",
  baseUrlRequired: true,
  nativeSamples: true,
  supportsCompletions: true,
  create: compatibleClient,
};

/** llama.cpp server, Ollama, SGLang, LM Studio...: several ignore `n`, so samples are fanned out. */
export const openaiCompatibleProvider: ProviderDefinition = {
  name: "openai-compatible",
  description: "Any OpenAI-compatible server: llama.cpp, Ollama, SGLang, LM Studio (needs --base-url)",
  example: "openai-compatible:qwen2.5-coder:7b",
  apiKeyEnv: ["OPENAI_COMPATIBLE_API_KEY"],
  apiKeyRequired: false,
  baseUrlEnv: "OPENAI_COMPATIBLE_BASE_URL",
  baseUrlRequired: true,
  nativeSamples: false,
  supportsCompletions: true,
  create: compatibleClient,
};
