import type { StrategyDefinition } from "./definition.js";
import type { Endpoint } from "@cg/models";
import { EndpointNotSupportedError, UnknownStrategyError } from "./errors.js";
import { analogical } from "./strategies/analogical.js";
import { codesimAnalogical } from "./strategies/codesim/codesim-a.js";
import { codesimCompetitive } from "./strategies/codesim/codesim-c.js";
import {
  codesim,
  codesimWithoutDebugging,
  codesimWithoutPlanVerification,
  codesimWithoutVerificationOrDebugging,
} from "./strategies/codesim/strategy.js";
import { cot } from "./strategies/cot.js";
import { direct } from "./strategies/direct.js";
import { mapcoder } from "./strategies/mapcoder/strategy.js";
import { selfPlanning } from "./strategies/self-planning.js";
import { verbatim } from "./strategies/verbatim.js";
import type { Strategy } from "./types.js";

/** Every strategy by its registered name. */
export const strategies: Readonly<Record<string, StrategyDefinition>> = Object.freeze(
  Object.fromEntries(
    [
      direct,
      cot,
      selfPlanning,
      analogical,
      mapcoder,
      codesim,
      codesimWithoutDebugging,
      codesimWithoutPlanVerification,
      codesimWithoutVerificationOrDebugging,
      codesimAnalogical,
      codesimCompetitive,
      verbatim,
    ].map((definition) => [definition.name, definition]),
  ),
);

/** Case, dashes and underscores are ignored, so "CodeSIMWD", "codesim_wd" and "codesim-wd" agree. */
function lookupKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function getStrategy(name: string): StrategyDefinition {
  const wanted = lookupKey(name);
  const found = Object.values(strategies).find((definition) => lookupKey(definition.name) === wanted);
  if (!found) throw new UnknownStrategyError(name, Object.keys(strategies));
  return found;
}

/**
 * @throws UnknownStrategyError for a name that is not registered.
 * @throws InvalidStrategyOptionsError for options the strategy does not accept.
 */
export function createStrategy(name: string, options?: unknown): Strategy {
  return getStrategy(name).create(options);
}

export interface StrategySummary {
  name: string;
  description: string;
  defaults: Readonly<Record<string, unknown>>;
  fixed: Readonly<Record<string, unknown>>;
  endpoints: readonly Endpoint[];
}

export function listStrategies(): StrategySummary[] {
  return Object.values(strategies).map(({ name, description, defaults, fixed, endpoints }) => ({ name, description, defaults, fixed, endpoints }));
}

/**
 * @throws EndpointNotSupportedError, naming the strategies that can, when `definition` cannot
 * work with `endpoint`.
 */
export function checkStrategyEndpoint(definition: StrategyDefinition, endpoint: Endpoint): void {
  if (definition.endpoints.includes(endpoint)) return;
  const able = Object.values(strategies).filter((other) => other.endpoints.includes(endpoint)).map((other) => other.name);
  throw new EndpointNotSupportedError(definition.name, endpoint, able);
}
