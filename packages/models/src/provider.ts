import type { SamplingKnob } from "./sampling-support.js";
import type { ChatChoice, ChatMessage, SamplingParams, TokenUsage } from "./types.js";

/** One HTTP exchange a provider performs; retries, limits and caching live outside. */
export interface ProviderCall {
  messages: ChatMessage[];
  /** `n` here is the number of samples this one request must return. */
  params: SamplingParams & { n: number };
  signal: AbortSignal;
}

export interface ProviderResult {
  choices: ChatChoice[];
  usage: TokenUsage;
  id?: string;
}

export interface ProviderClient {
  complete(call: ProviderCall): Promise<ProviderResult>;
}

export interface ProviderSettings {
  provider: string;
  model: string;
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** The SDK's own timeout; set a little above ours so that ours fires first. */
  sdkTimeoutMs: number;
  /** Use the plain completions endpoint (base models). */
  completions: boolean;
}

export interface ProviderDefinition {
  readonly name: string;
  readonly description: string;
  /** A spec string a user could type, for help texts. */
  readonly example: string;
  /** Environment variables holding the key, in order of preference. */
  readonly apiKeyEnv: readonly string[];
  readonly apiKeyRequired: boolean;
  readonly baseUrlEnv?: string;
  readonly baseUrlRequired: boolean;
  /** One request can return n samples, sharing the prompt's prefill. */
  readonly nativeSamples: boolean;
  /** The sampling parameters its chat endpoint takes; any other is refused before a request is sent. */
  readonly chatParams: readonly SamplingKnob[];
  /** Those its plain completions endpoint (base models) takes; absent when it has none. */
  readonly completionsParams?: readonly SamplingKnob[];
  create(settings: ProviderSettings): ProviderClient;
  /**
   * The ids of the models the server serves (`GET /models`), so that a run can check before its
   * first sample that the server is there and serves the model; undefined when the server
   * answered without a list. Given by providers whose server the user runs (vLLM and
   * OpenAI-compatible ones). Throws `ModelRequestError` when the server cannot be reached or
   * refuses the key.
   */
  listModels?(settings: ProviderSettings, signal: AbortSignal): Promise<string[] | undefined>;
}
