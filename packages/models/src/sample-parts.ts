import type { ChatResponse, TokenUsage } from "./types.js";

/**
 * `total` divided into whole numbers in proportion to `weights`, adding up to `total` exactly
 * (largest remainders first, earlier parts first on ties); equal shares when every weight is 0.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? weights.map((weight) => (total * weight) / sum) : weights.map(() => total / weights.length);
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((share, index) => ({ index, remainder: share - Math.floor(share) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * The samples of a response to one request for several, each as a response of its own. A
 * request for n samples reports one usage: the prompt tokens (read once) are shared equally,
 * the output tokens in proportion to each sample's text and reasoning, the reasoning tokens to
 * its reasoning, so that the parts add up to the whole. A known cost is divided in proportion to
 * each part's tokens (the pricing layer prices each part from its own usage). The request's
 * attempts are counted on its first sample.
 */
export function splitSamples(response: ChatResponse): ChatResponse[] {
  const { choices, usage } = response;
  const equal = choices.map(() => 1);
  const promptTokens = apportion(usage.promptTokens, equal);
  const cachedPromptTokens = usage.cachedPromptTokens === undefined ? undefined : apportion(usage.cachedPromptTokens, equal);
  const completionTokens = apportion(
    usage.completionTokens,
    choices.map((choice) => choice.text.length + (choice.reasoning?.length ?? 0)),
  );
  const reasoningTokens = usage.reasoningTokens === undefined ? undefined : apportion(usage.reasoningTokens, choices.map((choice) => choice.reasoning?.length ?? 0));
  const { samples: _samples, ...whole } = response;
  const totalTokens = usage.promptTokens + usage.completionTokens;
  return choices.map((choice, index) => {
    const part: TokenUsage = { promptTokens: promptTokens[index]!, completionTokens: completionTokens[index]! };
    if (reasoningTokens) part.reasoningTokens = reasoningTokens[index]!;
    if (cachedPromptTokens) part.cachedPromptTokens = cachedPromptTokens[index]!;
    const share = totalTokens > 0 ? (part.promptTokens + part.completionTokens) / totalTokens : 1 / choices.length;
    const costUsd = response.costUsd === null ? null : response.costUsd * share;
    return { ...whole, choices: [choice], usage: part, costUsd, attempts: index === 0 ? response.attempts : 0 };
  });
}

/** `response` with `change` applied to it and to each of its samples' parts. */
export function mapWithSamples(response: ChatResponse, change: (response: ChatResponse) => ChatResponse): ChatResponse {
  const changed = change(response);
  return response.samples ? { ...changed, samples: response.samples.map(change) } : changed;
}
