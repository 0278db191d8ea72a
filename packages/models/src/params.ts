import { z } from "zod";
import { InvalidRequestError } from "./errors.js";
import type { ChatMessage, SamplingParams } from "./types.js";

/** Sampling parameters as a schema, for configuration files and command lines. Unknown keys are rejected. */
export const samplingParamsSchema = z
  .object({
    temperature: z.number().min(0).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().positive().optional(),
    stop: z.array(z.string()).optional(),
    seed: z.number().int().optional(),
    n: z.number().int().positive().optional(),
    // vLLM takes -1 for "no top-k".
    topK: z.number().int().min(-1).optional(),
    minP: z.number().min(0).max(1).optional(),
    presencePenalty: z.number().min(-2).max(2).optional(),
    frequencyPenalty: z.number().min(-2).max(2).optional(),
    repetitionPenalty: z.number().positive().optional(),
    chatTemplateKwargs: z.record(z.string(), z.unknown()).optional(),
    thinkingBudget: z.number().int().nonnegative().optional(),
    reasoningEffort: z.enum(["none", "minimal", "low", "medium", "high"]).optional(),
    extraBody: z.record(z.string(), z.unknown()).optional(),
  })
  .strict() satisfies z.ZodType<SamplingParams>;

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
}) satisfies z.ZodType<ChatMessage>;

const requestSchema = z.object({
  messages: z.array(chatMessageSchema).min(1, "at least one message is required"),
  params: samplingParamsSchema.optional(),
  sampleIndex: z.number().int().nonnegative().optional(),
});

/** Checks a request at the public boundary, where it may come from a configuration file. */
export function validateChatRequest(request: unknown): { messages: ChatMessage[]; params: SamplingParams; sampleIndex: number } {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) throw new InvalidRequestError(`Invalid chat request: ${z.prettifyError(parsed.error)}`);
  return { messages: parsed.data.messages, params: parsed.data.params ?? {}, sampleIndex: parsed.data.sampleIndex ?? 0 };
}
