import { InvalidRequestError, UnsupportedParameterError } from "./errors.js";
import type { ProviderDefinition } from "./provider.js";
import { getProvider } from "./registry.js";
import { parseModelSpec } from "./spec.js";
import type { Endpoint, SamplingParams } from "./types.js";

/** A sampling parameter a provider may or may not take. `n` is not one: every provider serves it, fanned out where needed. */
export type SamplingKnob = Exclude<keyof SamplingParams, "n">;

/** Every knob, in the order messages and documents list them. */
export const SAMPLING_KNOBS: readonly SamplingKnob[] = [
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
  "thinkingBudget",
  "extraBody",
];

/** The knobs `provider` takes on `endpoint`; none on an endpoint it does not have. */
export function supportedKnobs(provider: ProviderDefinition, endpoint: Endpoint): readonly SamplingKnob[] {
  return endpoint === "chat" ? provider.chatParams : (provider.completionsParams ?? []);
}

/** Knobs whose value here is the same as not sending them: a penalty of 0 is no penalty. */
function isNeutral(knob: SamplingKnob, params: SamplingParams): boolean {
  return (knob === "presencePenalty" || knob === "frequencyPenalty") && params[knob] === 0;
}

/**
 * The parameters as `provider` is sent them on `endpoint`: a neutral setting of a knob it lacks
 * (a penalty of 0, which the reference prompt profile sends on every call) is left out rather
 * than refused.
 */
export function withoutNeutralUnsupported(provider: ProviderDefinition, endpoint: Endpoint, params: SamplingParams): SamplingParams {
  const supported = supportedKnobs(provider, endpoint);
  const dropped = SAMPLING_KNOBS.filter((knob) => params[knob] !== undefined && !supported.includes(knob) && isNeutral(knob, params));
  if (dropped.length === 0) return params;
  const kept = { ...params };
  for (const knob of dropped) delete kept[knob];
  return kept;
}

/**
 * Refuses, naming the provider and the knob, a parameter the provider does not take on that
 * endpoint, so that nothing is sent with a setting the server would drop or reject.
 */
export function refuseUnsupportedKnobs(provider: ProviderDefinition, endpoint: Endpoint, params: SamplingParams): void {
  const supported = supportedKnobs(provider, endpoint);
  const refused = SAMPLING_KNOBS.find((knob) => params[knob] !== undefined && !supported.includes(knob) && !isNeutral(knob, params));
  if (refused === undefined) return;
  const where = endpoint === "chat" ? "" : ` on the ${endpoint} endpoint`;
  throw new UnsupportedParameterError(provider.name, refused, `remove it${where} (${provider.name} takes ${supported.join(", ")})`);
}

/**
 * Checks, before any request, that the provider of `spec` has `endpoint` and takes every
 * sampling parameter in `params` there. Throws `UnknownProviderError`, `InvalidRequestError`
 * (no such endpoint) or `UnsupportedParameterError`.
 */
export function checkSamplingParams(spec: string, params: SamplingParams, endpoint: Endpoint = "chat"): void {
  const provider = getProvider(parseModelSpec(spec).provider);
  if (endpoint === "completions" && provider.completionsParams === undefined) {
    throw new InvalidRequestError(`Provider "${provider.name}" has no plain completions endpoint; use its chat endpoint instead.`);
  }
  refuseUnsupportedKnobs(provider, endpoint, params);
}
