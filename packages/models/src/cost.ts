import { type ModelPrice, DEFAULT_PRICES } from "./prices.js";
import type { TokenUsage } from "./types.js";

export type PriceTable = Readonly<Record<string, Readonly<ModelPrice>>>;

/** A dated or versioned snapshot of a listed model: "-20250514", "-2024-08-06", "-001", "-latest". */
const SNAPSHOT_SUFFIX = /^-(\d{8}|\d{4}-\d{2}-\d{2}|\d{3}|latest)$/;

/**
 * The price of `provider:model`: user overrides first, then the default table; an exact
 * name first, then the longest listed name the model is a snapshot of. Undefined when unknown.
 */
export function findPrice(provider: string, model: string, overrides: PriceTable = {}): ModelPrice | undefined {
  for (const table of [overrides, DEFAULT_PRICES]) {
    const spec = `${provider}:${model}`;
    const exact = table[spec];
    if (exact) return exact;
    let best: { key: string; price: ModelPrice } | undefined;
    for (const [key, price] of Object.entries(table)) {
      if (spec.startsWith(key) && SNAPSHOT_SUFFIX.test(spec.slice(key.length)) && key.length > (best?.key.length ?? 0)) {
        best = { key, price };
      }
    }
    if (best) return best.price;
  }
  return undefined;
}

/** Cost in US dollars; reasoning tokens are part of completion tokens and billed as output. */
export function computeCostUsd(usage: TokenUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedPromptTokens ?? 0, usage.promptTokens);
  const fresh = usage.promptTokens - cached;
  const dollars = fresh * price.input + cached * (price.cachedInput ?? price.input) + usage.completionTokens * price.output;
  return dollars / 1_000_000;
}
