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
