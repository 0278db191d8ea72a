/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Prompt tokens served from the provider's prompt cache; defaults to `input`. */
  cachedInput?: number;
}

/**
 * List prices of common models, keyed by "provider:model". A dated snapshot name
 * ("claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06") resolves to its base entry.
 * Prices change: override them with the `prices` option rather than trusting these.
 */
export const DEFAULT_PRICES: Readonly<Record<string, Readonly<ModelPrice>>> = Object.freeze({
  "openai:gpt-5": { input: 1.25, output: 10, cachedInput: 0.125 },
  "openai:gpt-5-mini": { input: 0.25, output: 2, cachedInput: 0.025 },
  "openai:gpt-5-nano": { input: 0.05, output: 0.4, cachedInput: 0.005 },
  "openai:gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "openai:gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "openai:o3": { input: 2, output: 8, cachedInput: 0.5 },
  "openai:o3-mini": { input: 1.1, output: 4.4, cachedInput: 0.55 },
  "openai:o4-mini": { input: 1.1, output: 4.4, cachedInput: 0.275 },
  "anthropic:claude-opus-4-5": { input: 5, output: 25, cachedInput: 0.5 },
  "anthropic:claude-opus-4-1": { input: 15, output: 75, cachedInput: 1.5 },
  "anthropic:claude-opus-4": { input: 15, output: 75, cachedInput: 1.5 },
  "anthropic:claude-sonnet-4-5": { input: 3, output: 15, cachedInput: 0.3 },
  "anthropic:claude-sonnet-4": { input: 3, output: 15, cachedInput: 0.3 },
  "anthropic:claude-3-7-sonnet": { input: 3, output: 15, cachedInput: 0.3 },
  "anthropic:claude-haiku-4-5": { input: 1, output: 5, cachedInput: 0.1 },
  "anthropic:claude-3-5-haiku": { input: 0.8, output: 4, cachedInput: 0.08 },
  "google:gemini-2.5-pro": { input: 1.25, output: 10, cachedInput: 0.31 },
  "google:gemini-2.5-flash": { input: 0.3, output: 2.5, cachedInput: 0.075 },
  "google:gemini-2.5-flash-lite": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "google:gemini-2.0-flash": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "groq:llama-3.3-70b-versatile": { input: 0.59, output: 0.79 },
  "groq:llama-3.1-8b-instant": { input: 0.05, output: 0.08 },
  "groq:openai/gpt-oss-120b": { input: 0.15, output: 0.75 },
  "groq:openai/gpt-oss-20b": { input: 0.1, output: 0.5 },
  "groq:qwen/qwen3-32b": { input: 0.29, output: 0.59 },
});
