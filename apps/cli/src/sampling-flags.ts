import type { SamplingParams } from "@cg/models";
import type { Command } from "commander";
import {
  collectValues,
  parseInteger,
  parseJsonObject,
  parseNonNegativeInt,
  parseNonNegativeNumber,
  parseNumber,
  parsePositiveInt,
  parsePositiveNumber,
} from "./options";

/** The sampling flags as commander gives them: one per key of `SamplingParams` but `n`. */
export interface SamplingFlags {
  temperature?: number;
  topP?: number;
  topK?: number;
  minP?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  repetitionPenalty?: number;
  seed?: number;
  stop?: string[];
  maxTokens?: number;
  chatTemplateKwargs?: Record<string, unknown>;
  reasoningEffort?: string;
  thinkingBudget?: number;
  extraBody?: Record<string, unknown>;
}

/**
 * Adds a flag for every sampling parameter. Ranges and names are checked with the run's
 * configuration, and whether the provider takes each one before any request.
 */
export function addSamplingFlags(command: Command): Command {
  return command
    .option("--temperature <t>", "sampling temperature (default: 0 for n = 1, else 0.8)", parseNonNegativeNumber("--temperature"))
    .option("--top-p <p>", "nucleus sampling: keep the most likely tokens up to this probability", parsePositiveNumber("--top-p"))
    .option("--top-k <k>", "keep the k most likely tokens (-1: all, on vLLM)", parseInteger("--top-k"))
    .option("--min-p <p>", "drop tokens less likely than p times the most likely one", parseNonNegativeNumber("--min-p"))
    .option("--presence-penalty <x>", "in [-2, 2]: penalize every token that has appeared", parseNumber("--presence-penalty"))
    .option("--frequency-penalty <x>", "in [-2, 2]: penalize a token by how often it has appeared", parseNumber("--frequency-penalty"))
    .option("--repetition-penalty <x>", "above 1 discourages repeats (vLLM and compatible servers)", parsePositiveNumber("--repetition-penalty"))
    .option("--seed <n>", "sampling seed; sample i of a problem is sent seed + i", parseInteger("--seed"))
    .option("--stop <text>", "a stop sequence, taken as written (repeatable; in bash, $'\\n\\n' is two newlines)", collectValues)
    .option("--max-tokens <count>", "output limit of each model call", parsePositiveInt("--max-tokens"))
    .option("--chat-template-kwargs <json>", `arguments of the server's chat template, e.g. '{"enable_thinking": false}'`, parseJsonObject("--chat-template-kwargs"))
    .option("--reasoning-effort <level>", "none, minimal, low, medium or high (OpenAI, Groq, vLLM)")
    .option("--thinking-budget <tokens>", "thinking tokens allowed (Anthropic, Gemini)", parseNonNegativeInt("--thinking-budget"))
    .option("--extra-body <json>", "members added to every request body as given, e.g. '{\"guided_choice\": [\"a\"]}'", parseJsonObject("--extra-body"));
}

/** The sampling parameters the flags set, and only those. */
export function samplingFrom(flags: SamplingFlags): SamplingParams {
  const { temperature, topP, topK, minP, presencePenalty, frequencyPenalty, repetitionPenalty, seed, stop, maxTokens, chatTemplateKwargs, reasoningEffort, thinkingBudget, extraBody } =
    flags;
  const given = { temperature, topP, topK, minP, presencePenalty, frequencyPenalty, repetitionPenalty, seed, stop, maxTokens, chatTemplateKwargs, reasoningEffort, thinkingBudget, extraBody };
  // The reasoning effort's values are checked with the rest of the configuration.
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as SamplingParams;
}
