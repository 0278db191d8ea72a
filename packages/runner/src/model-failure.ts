import { ModelRequestError, RetriesExhaustedError } from "@cg/models";
import { EmptyModelResponseError } from "@cg/strategies";
import { ModelUnavailableError } from "./errors";

export interface ModelFailureContext {
  spec: string;
  baseUrl: string | undefined;
  /** Whether the provider has answered any request of this run. */
  answered: boolean;
  /** Requests in a row that could not reach the provider since it last answered. */
  unreachableInARow: number;
  /** How many of those in a row mean the server is gone rather than briefly away (the samples in flight). */
  unreachableLimit: number;
}

/**
 * How far a failure of the model side reaches:
 * - `sample`: transient or specific to one prompt (retries exhausted, a rejected request, an
 *   empty answer); the sample is recorded as a model error and retried on resume.
 * - `run`: the model cannot be used at all; the run stops with an error saying what to fix.
 * Undefined for errors that are not the model's (they propagate unchanged).
 */
export function classifyModelFailure(error: unknown, context: ModelFailureContext): { scope: "sample" | "run"; error: Error } | undefined {
  if (error instanceof EmptyModelResponseError) return { scope: "sample", error };
  if (error instanceof RetriesExhaustedError) {
    const where = context.baseUrl ? ` at ${context.baseUrl}` : "";
    if (error.lastError.kind === "connection" && !context.answered) {
      return {
        scope: "run",
        error: new ModelUnavailableError(
          `cannot reach ${context.spec}${where} (${error.lastError.providerMessage}); ` +
            `check --base-url and that the server is running, then rerun the same command`,
        ),
      };
    }
    if (error.lastError.kind === "connection" && context.unreachableInARow >= context.unreachableLimit) {
      return {
        scope: "run",
        error: new ModelUnavailableError(
          `lost the connection to ${context.spec}${where}: ${context.unreachableInARow} requests in a row could not reach it ` +
            `(${error.lastError.providerMessage}); check that the server is running, then rerun the same command to continue`,
        ),
      };
    }
    return { scope: "sample", error };
  }
  if (error instanceof ModelRequestError) {
    if (error.status === 401 || error.status === 403) {
      return {
        scope: "run",
        error: new ModelUnavailableError(`${context.spec} refused the request (HTTP ${error.status}: ${error.providerMessage}); check the API key`),
      };
    }
    if (error.status === 404) {
      return {
        scope: "run",
        error: new ModelUnavailableError(
          `${context.spec} was not found (HTTP 404: ${error.providerMessage}); check the model name and --base-url`,
        ),
      };
    }
    return { scope: "sample", error };
  }
  return undefined;
}
