import OpenAI from "openai";
import type { ProviderClient, ProviderSettings } from "../provider.js";
import { fromGeneratedSdkError } from "./sdk-errors.js";
import { type OpenAiDialect, chatCompletionBody, completionBody, parseChatCompletion, parseCompletion } from "./openai-wire.js";
import { httpFetch } from "../http-fetch.js";

type ChatBody = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type CompletionBody = OpenAI.CompletionCreateParamsNonStreaming;

/** A client for any server speaking the OpenAI wire format, through the official `openai` SDK. */
export function createOpenAiSdkClient(settings: ProviderSettings, dialect: OpenAiDialect): ProviderClient {
  const client = new OpenAI({
    // A server without authentication still needs a value to satisfy the SDK; the header is then dropped.
    apiKey: settings.apiKey ?? "unused",
    ...(settings.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
    // Passed explicitly so that OPENAI_* variables in the environment cannot redirect requests.
    baseURL: settings.baseUrl ?? "https://api.openai.com/v1",
    organization: null,
    project: null,
    maxRetries: 0,
    fetch: httpFetch,
    timeout: settings.sdkTimeoutMs,
  });

  return {
    async complete(call) {
      try {
        if (settings.completions) {
          const body = completionBody(settings.model, call, dialect) as unknown as CompletionBody;
          return parseCompletion(settings.provider, await client.completions.create(body, { signal: call.signal }));
        }
        const body = chatCompletionBody(settings.model, call, dialect) as unknown as ChatBody;
        return parseChatCompletion(settings.provider, await client.chat.completions.create(body, { signal: call.signal }));
      } catch (error) {
        throw fromGeneratedSdkError(settings.provider, error, OpenAI);
      }
    },
  };
}
