/** Base class of every error this package throws on purpose. */
export class StrategyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UnknownStrategyError extends StrategyError {
  constructor(
    readonly strategy: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown strategy "${strategy}". Known strategies: ${known.join(", ")}.`);
  }
}

export class InvalidStrategyOptionsError extends StrategyError {
  constructor(
    readonly strategy: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid options for strategy "${strategy}": ${problems.join("; ")}.`);
  }
}

/** A strategy asked to work with an endpoint it cannot use (e.g. a conversing strategy and a base model). */
export class EndpointNotSupportedError extends StrategyError {
  constructor(
    readonly strategy: string,
    readonly endpoint: string,
    readonly able: readonly string[],
  ) {
    const reason = endpoint === "completions" ? "needs a chat endpoint: it converses with the model, which a base model on the completions endpoint cannot do" : `cannot use the ${endpoint} endpoint`;
    super(`Strategy "${strategy}" ${reason}; strategies that work with the ${endpoint} endpoint: ${able.join(", ") || "none"}.`);
  }
}

/** A problem without a prompt for base models, given to a strategy on the completions endpoint. */
export class NoCompletionPromptError extends StrategyError {
  constructor(readonly taskId: string) {
    super(`Problem ${taskId} has no prompt for base models, so it cannot be run on the completions endpoint; use the chat endpoint.`);
  }
}

/** A model answered with zero choices although one was requested. */
export class EmptyModelResponseError extends StrategyError {
  constructor(
    readonly modelSpec: string,
    readonly step: string,
  ) {
    super(`Model "${modelSpec}" returned no choices for step "${step}"; expected exactly one (the request had n = 1).`);
  }
}

/**
 * The authors' sources the reference profile reads could not be used: missing, a different
 * version than the pinned one, or not holding the text a strategy expects.
 */
export class ReferenceSourceError extends StrategyError {}
