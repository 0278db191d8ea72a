import { InvalidModelSpecError } from "./errors.js";

export interface ModelSpec {
  provider: string;
  model: string;
}

/**
 * Splits "provider:model" at the first colon only, since model names may contain colons
 * (Ollama's "qwen2.5-coder:7b").
 */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(":");
  if (colon <= 0 || colon === spec.length - 1) throw new InvalidModelSpecError(spec);
  const provider = spec.slice(0, colon).trim().toLowerCase();
  const model = spec.slice(colon + 1).trim();
  if (provider === "" || model === "") throw new InvalidModelSpecError(spec);
  return { provider, model };
}
