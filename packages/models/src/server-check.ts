import { type ModelOptions, resolveModelConnection } from "./chat-model.js";
import { ModelNotServedError, ModelRequestError, ModelServerUnavailableError } from "./errors.js";

/** Long enough for a busy server on another machine, short enough that a wrong address is told at once. */
export const SERVER_CHECK_TIMEOUT_MS = 2_000;

/**
 * Before the first request: checks that the server of `spec` answers its model list within
 * `timeoutMs` and serves the model, for providers whose server the user runs (vLLM and
 * OpenAI-compatible ones); other providers are not asked. A server that answers without a list
 * passes: it is there, and what it serves cannot be told.
 *
 * @throws ModelServerUnavailableError when the server does not answer in time or refuses the key.
 * @throws ModelNotServedError when the server lists its models and this one is not among them.
 */
export async function checkModelServer(spec: string, options: Pick<ModelOptions, "apiKey" | "baseUrl" | "env"> & { timeoutMs?: number } = {}): Promise<void> {
  const { definition, provider, model, apiKey, baseUrl } = resolveModelConnection(spec, options);
  if (!definition.listModels || baseUrl === undefined) return;
  const timeoutMs = options.timeoutMs ?? SERVER_CHECK_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let served: string[] | undefined;
  try {
    served = await definition.listModels({ provider, model, apiKey, baseUrl, sdkTimeoutMs: timeoutMs, completions: false }, signal);
  } catch (error) {
    const fix = "check --base-url and that the server is running, then rerun the same command";
    if (signal.aborted) throw new ModelServerUnavailableError(`cannot reach ${spec} at ${baseUrl} (no answer to GET /models within ${timeoutMs / 1000} s); ${fix}`, { cause: error });
    if (error instanceof ModelRequestError && error.kind === "connection") {
      throw new ModelServerUnavailableError(`cannot reach ${spec} at ${baseUrl} (${error.providerMessage}); ${fix}`, { cause: error });
    }
    if (error instanceof ModelRequestError && error.status !== undefined) {
      throw new ModelServerUnavailableError(`${spec} at ${baseUrl} refused the request (HTTP ${error.status}: ${error.providerMessage || "no message"}); check the API key`, { cause: error });
    }
    throw error;
  }
  if (served !== undefined && !served.includes(model)) throw new ModelNotServedError(spec, baseUrl, served);
}
