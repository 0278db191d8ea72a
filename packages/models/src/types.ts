export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface SamplingParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  /** With `sampleIndex` i the provider receives `seed + i`, so samples of one prompt stay independent. */
  seed?: number;
  /** Samples in one request where the backend supports it, else fanned out into n requests. */
  n?: number;
  /** vLLM / OpenAI-compatible extras (`topK` is also accepted by Anthropic and Gemini). */
  topK?: number;
  minP?: number;
  repetitionPenalty?: number;
  /** OpenAI's penalties, in [-2, 2]; sent as given, 0 included (the reference strategies send 0 explicitly). */
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** Passed to the server's chat template, e.g. `{ enable_thinking: false }` for Qwen3. */
  chatTemplateKwargs?: Record<string, unknown>;
  /** Thinking budget in tokens: Anthropic extended thinking, Gemini `thinkingBudget`. */
  thinkingBudget?: number;
  /** OpenAI and Groq reasoning models. */
  reasoningEffort?: "none" | "minimal" | "low" | "medium" | "high";
}

export interface ChatRequest {
  messages: ChatMessage[];
  params?: SamplingParams;
  /** Index of the first sample this request produces; part of the cache key. Defaults to 0. */
  sampleIndex?: number;
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  /** Includes reasoning tokens, as every provider bills them as output. */
  completionTokens: number;
  reasoningTokens?: number;
  cachedPromptTokens?: number;
}

export interface ChatChoice {
  /** The answer, with any reasoning removed. */
  text: string;
  reasoning?: string;
  /** Normalised: "stop", "length", "content_filter", or the provider's own value lower-cased. */
  finishReason: string;
}

export interface ChatResponse {
  /** One entry per sample: length n. */
  choices: ChatChoice[];
  usage: TokenUsage;
  /** Cost of this call: 0 when served from the cache, null when the model has no price. */
  costUsd: number | null;
  /** Duration of the successful HTTP exchange (the largest one when samples were fanned out). */
  latencyMs: number;
  provider: string;
  model: string;
  /** The provider's response id. */
  id?: string;
  cached: boolean;
  /** HTTP attempts made for this call, retries included; 0 when served from the cache. */
  attempts: number;
}

export interface ChatModel {
  readonly spec: string;
  readonly provider: string;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
}
