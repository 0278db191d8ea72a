import { z } from "zod";
import { ModelRequestError } from "../errors.js";
import { httpFetch } from "../http-fetch.js";
import type { ProviderDefinition, ProviderSettings } from "../provider.js";
import type { SamplingKnob } from "../sampling-support.js";
import { createOpenAiSdkClient } from "./openai-sdk-client.js";
import { describeCause } from "./sdk-errors.js";

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
    },
  );
}

const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

/** `GET /models`: the ids a compatible server lists; undefined when it answers without such a list. */
async function listModels(settings: ProviderSettings, signal: AbortSignal): Promise<string[] | undefined> {
  const url = `${normalizeCompatibleBaseUrl(settings.baseUrl ?? "")}/models`;
  let response: Response;
  try {
    response = await httpFetch(url, { headers: settings.apiKey === undefined ? {} : { authorization: `Bearer ${settings.apiKey}` }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    const detail = error instanceof Error ? describeCause(error) : String(error);
    throw new ModelRequestError({ provider: settings.provider, kind: "connection", providerMessage: detail, retryable: true, cause: error });
  }
  if (response.status === 401 || response.status === 403) {
    throw new ModelRequestError({ provider: settings.provider, kind: "http", status: response.status, providerMessage: (await response.text()).trim(), retryable: false });
  }
  if (!response.ok) return undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    // Not JSON: a server (or proxy) without a model list.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = modelListSchema.safeParse(body);
  return parsed.success ? parsed.data.data.map((model) => model.id) : undefined;
}

/** What vLLM's completions endpoint takes, and what llama.cpp, SGLang and others take or ignore. */
const COMPLETIONS_PARAMS: readonly SamplingKnob[] = [
  "temperature",
  "topP",
  "topK",
  "minP",
  "presencePenalty",
  "frequencyPenalty",
  "repetitionPenalty",
  "seed",
  "stop",
  "maxTokens",
  "extraBody",
];

/** The chat endpoint adds the chat template's arguments and the reasoning effort. */
const CHAT_PARAMS: readonly SamplingKnob[] = [
  "temperature",
  "topP",
  "topK",
  "minP",
  "presencePenalty",
  "frequencyPenalty",
  "repetitionPenalty",
  "seed",
  "stop",
  "maxTokens",
  "chatTemplateKwargs",
  "reasoningEffort",
  "extraBody",
];

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
  chatParams: CHAT_PARAMS,
  completionsParams: COMPLETIONS_PARAMS,
  listModels,
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
  chatParams: CHAT_PARAMS,
  completionsParams: COMPLETIONS_PARAMS,
  listModels,
  create: compatibleClient,
};
