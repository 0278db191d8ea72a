/** Base class of every error this package throws on purpose. */
export class ModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidModelSpecError extends ModelError {
  constructor(readonly spec: string) {
    super(`Invalid model spec "${spec}": expected "provider:model", e.g. "openai:gpt-4o-mini".`);
  }
}

export class UnknownProviderError extends ModelError {
  constructor(
    readonly provider: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown model provider "${provider}". Known providers: ${known.join(", ")}.`);
  }
}

export class MissingApiKeyError extends ModelError {
  constructor(
    readonly provider: string,
    readonly envVars: readonly string[],
  ) {
    const [first, ...rest] = envVars;
    const alternatives = rest.length > 0 ? ` (or ${rest.join(", ")})` : "";
    super(`No API key for provider "${provider}": set the ${first} environment variable${alternatives} or pass apiKey.`);
  }
}

export class MissingBaseUrlError extends ModelError {
  constructor(
    readonly provider: string,
    readonly envVar: string | undefined,
  ) {
    const fromEnv = envVar ? ` or set the ${envVar} environment variable` : "";
    super(`Provider "${provider}" needs a server address: pass --base-url (baseUrl)${fromEnv}, e.g. http://127.0.0.1:8000/v1.`);
  }
}

export class InvalidBaseUrlError extends ModelError {
  constructor(
    readonly baseUrl: string,
    problem: string,
  ) {
    super(`Invalid server address (--base-url / baseUrl): ${problem}.`);
  }
}

/** The model's server did not answer its model list in time, or refused the key. */
export class ModelServerUnavailableError extends ModelError {}

/** The model's server answers but does not serve the model. */
export class ModelNotServedError extends ModelError {
  constructor(
    readonly spec: string,
    readonly baseUrl: string,
    readonly served: readonly string[],
  ) {
    const provider = spec.slice(0, spec.indexOf(":"));
    const listed = served.length === 0 ? "it lists no model" : `it serves ${served.join(", ")}; e.g. --model ${provider}:${served[0]}`;
    super(`The server at ${baseUrl} does not serve the model of ${spec}: ${listed}.`);
  }
}

export class UnsupportedParameterError extends ModelError {
  constructor(
    readonly provider: string,
    readonly parameter: string,
    hint?: string,
  ) {
    super(`Provider "${provider}" does not support the sampling parameter "${parameter}"${hint ? `: ${hint}` : "; remove it from params"}.`);
  }
}

export class InvalidRequestError extends ModelError {}

export type RequestFailureKind = "http" | "connection" | "timeout" | "malformed-response";

/** One failed HTTP exchange with a provider, normalised across SDKs. */
export class ModelRequestError extends ModelError {
  readonly provider: string;
  readonly kind: RequestFailureKind;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The provider's own error text. */
  readonly providerMessage: string;
  readonly retryable: boolean;
  /** Delay the server asked for (Retry-After / retry-after-ms), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    provider: string;
    kind: RequestFailureKind;
    status?: number;
    providerMessage: string;
    retryable: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    const status = init.status === undefined ? "" : ` (HTTP ${init.status})`;
    super(`${init.provider} request failed${status}: ${init.providerMessage}`, { cause: init.cause });
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = init.status;
    this.providerMessage = init.providerMessage;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export class RetriesExhaustedError extends ModelError {
  constructor(
    readonly attempts: number,
    readonly lastError: ModelRequestError,
  ) {
    super(`Gave up after ${attempts} attempts; last error: ${lastError.message}`, { cause: lastError });
  }
}

/** Thrown when the caller's AbortSignal fires; `name` is "AbortError" like the platform's own. */
export class RequestCancelledError extends ModelError {
  constructor(reason?: unknown) {
    super("The model request was cancelled.", { cause: reason });
    this.name = "AbortError";
  }
}

export class CorruptCacheEntryError extends ModelError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Response cache entry ${path} is unreadable (${detail}); delete the file to fetch it again.`);
  }
}
