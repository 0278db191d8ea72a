import { ModelRequestError } from "../errors.js";
import { parseRetryAfter } from "../retry-after.js";

/** Statuses worth another try: timeouts, conflicts, rate limits and every server error (529 included). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/** The provider's own words from an error body, whichever of the common shapes it uses. */
export function providerMessageFrom(body: unknown, fallback: string): string {
  if (typeof body === "string" && body.trim() !== "") return body;
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    if (typeof record.message === "string") return record.message;
    if (record.error !== undefined) return providerMessageFrom(record.error, fallback);
  }
  return fallback;
}

/** The error classes every SDK generated from an OpenAPI spec by the same tool shares (openai, anthropic, groq). */
export interface GeneratedSdkErrors {
  APIError: abstract new (...args: never[]) => Error & { status: number | undefined; headers: Headers | undefined; error: unknown };
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

/**
 * Normalises an SDK failure. Aborts are returned untouched: the caller knows whether the
 * signal was its own timeout or the user's cancellation.
 */
export function fromGeneratedSdkError(provider: string, error: unknown, sdk: GeneratedSdkErrors): unknown {
  if (error instanceof ModelRequestError || error instanceof sdk.APIUserAbortError) return error;
  if (error instanceof sdk.APIConnectionError) {
    return new ModelRequestError({
      provider,
      kind: "connection",
      providerMessage: describeCause(error),
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof sdk.APIError && error.status !== undefined) {
    return new ModelRequestError({
      provider,
      kind: "http",
      status: error.status,
      providerMessage: providerMessageFrom(error.error, error.message),
      retryable: isRetryableStatus(error.status),
      retryAfterMs: parseRetryAfter(error.headers),
      cause: error,
    });
  }
  return malformedIfParseFailure(provider, error);
}

/** A 200 whose body is not JSON is a transient fault of the server or a proxy, so it is retried. */
export function malformedIfParseFailure(provider: string, error: unknown): unknown {
  if (error instanceof SyntaxError) {
    return new ModelRequestError({
      provider,
      kind: "malformed-response",
      providerMessage: `response body is not valid JSON (${error.message})`,
      retryable: true,
      cause: error,
    });
  }
  return error;
}

/** An error's message followed by those of its causes (e.g. "fetch failed: connect ECONNREFUSED ..."). */
export function describeCause(error: Error): string {
  const causes: string[] = [error.message];
  let cause: unknown = error.cause;
  while (cause instanceof Error && causes.length < 4) {
    const code = (cause as Error & { code?: unknown }).code;
    causes.push(typeof code === "string" ? `${cause.message} (${code})` : cause.message);
    cause = cause.cause;
  }
  return causes.join(": ");
}
