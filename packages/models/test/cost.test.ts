import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, computeCostUsd, findPrice } from "../src/index.js";

describe("prices and cost", () => {
  it("finds a dated snapshot's base price, preferring the longest listed name", () => {
    expect(findPrice("anthropic", "claude-haiku-4-5-20251001")).toEqual(DEFAULT_PRICES["anthropic:claude-haiku-4-5"]);
    expect(findPrice("openai", "gpt-4o-mini-2024-07-18")).toEqual(DEFAULT_PRICES["openai:gpt-4o-mini"]);
    expect(findPrice("openai", "gpt-4o-2024-08-06")).toEqual(DEFAULT_PRICES["openai:gpt-4o"]);
  });

  it("does not mistake another model for a snapshot", () => {
    expect(findPrice("openai", "gpt-4o-audio-preview")).toBeUndefined();
    expect(findPrice("openai", "o3-pro")).toBeUndefined();
    expect(findPrice("vllm", "Qwen/Qwen3-8B")).toBeUndefined();
  });

  it("lets the user override or add prices", () => {
    const overrides = { "openai:gpt-4o-mini": { input: 1, output: 2 }, "vllm:Qwen/Qwen3-8B": { input: 0.01, output: 0.02 } };
    expect(findPrice("openai", "gpt-4o-mini", overrides)).toEqual({ input: 1, output: 2 });
    expect(findPrice("vllm", "Qwen/Qwen3-8B", overrides)).toEqual({ input: 0.01, output: 0.02 });
  });

  it("bills cached prompt tokens at the cached rate and the rest at the input rate", () => {
    const price = { input: 2, output: 8, cachedInput: 0.5 };
    expect(computeCostUsd({ promptTokens: 1_000_000, completionTokens: 500_000, cachedPromptTokens: 400_000 }, price)).toBeCloseTo(
      0.6 * 2 + 0.4 * 0.5 + 0.5 * 8,
      12,
    );
    expect(computeCostUsd({ promptTokens: 1_000, completionTokens: 0, cachedPromptTokens: 1_000 }, { input: 3, output: 15 })).toBeCloseTo(0.003, 12);
  });
});
