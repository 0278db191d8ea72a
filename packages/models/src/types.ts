export type ChatRole = "system" | "user" | "assistant";

/** Where requests go: the chat endpoint, or the plain completions endpoint of base models. */
export type Endpoint = "chat" | "completions";

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
  /** In [-2, 2]: lowers (raises) the odds of every token that has appeared so far. */
  presencePenalty?: number;
  /** In [-2, 2]: lowers (raises) the odds of a token in proportion to how often it has appeared. */
  frequencyPenalty?: number;
  repetitionPenalty?: number;
  /** Passed to the server's chat template, e.g. `{ enable_thinking: false }` for Qwen3. */
  chatTemplateKwargs?: Record<string, unknown>;
  /** Thinking budget in tokens: Anthropic extended thinking, Gemini `thinkingBudget`. */
  thinkingBudget?: number;
  /** OpenAI and Groq reasoning models. */
  reasoningEffort?: "none" | "minimal" | "low" | "medium" | "high";
  /**
   * Members added to the request body as given, for whatever a server takes that has no
   * parameter here. A member the other parameters already set is refused (Gemini's SDK merges
   * them into the body it builds instead).
   */
  extraBody?: Record<string, unknown>;
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
  /**
   * HTTP attempts made for this call, retries included; 0 when served from the cache. A sample's
   * part (`samples`) counts the attempts of its request on the request's first sample only.
   */
  attempts: number;
  /**
   * For a request of more than one sample: each sample's own part, in order, with its one
   * choice, its usage and cost, whether it came from the cache. The parts add up to the whole.
   */
  samples?: ChatResponse[];
}

export interface ChatModel {
  readonly spec: string;
  readonly provider: string;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
}
