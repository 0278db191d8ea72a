import type { Endpoint } from "@cg/models";
import type { z } from "zod";
import { InvalidStrategyOptionsError } from "./errors.js";
import type { Strategy } from "./types.js";

/** A registered strategy: validates options, then builds the strategy. */
export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  /** Every option with its default value, presets applied. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Options this entry fixes (a variant of another strategy); they cannot be overridden. */
  readonly fixed: Readonly<Record<string, unknown>>;
  /** The endpoints it can work with: `chat` for strategies that converse, `completions` for those that have a base model continue a prompt. */
  readonly endpoints: readonly Endpoint[];
  /** @throws InvalidStrategyOptionsError for unknown options, values of the wrong type or range, or a fixed option changed. */
  create(options?: unknown): Strategy;
}

export interface DefinitionParts<Options extends Record<string, unknown>> {
  name: string;
  description: string;
  schema: z.ZodType<Options>;
  /** Option values this entry fixes, making it a variant of the same implementation. */
  fixed?: Partial<Options>;
  /** Default: chat only. */
  endpoints?: readonly Endpoint[];
  build(name: string, options: Options): Strategy;
}

export function defineStrategy<Options extends Record<string, unknown>>(parts: DefinitionParts<Options>): StrategyDefinition {
  const fixed: Partial<Options> = parts.fixed ?? {};
  const parse = (options: unknown): Options => {
    const given = options ?? {};
    if (typeof given !== "object" || Array.isArray(given)) {
      throw new InvalidStrategyOptionsError(parts.name, [`options must be an object, got ${Array.isArray(given) ? "an array" : typeof given}`]);
    }
    const conflicts = Object.entries(fixed).flatMap(([key, value]) => {
      const wanted = (given as Record<string, unknown>)[key];
      return wanted === undefined || wanted === value
        ? []
        : [`"${key}" is fixed to ${JSON.stringify(value)} by this variant; use the base strategy to change it`];
    });
    if (conflicts.length > 0) throw new InvalidStrategyOptionsError(parts.name, conflicts);
    const result = parts.schema.safeParse({ ...given, ...fixed });
    if (!result.success) {
      throw new InvalidStrategyOptionsError(
        parts.name,
        result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)),
      );
    }
    return result.data;
  };
  return {
    name: parts.name,
    description: parts.description,
    defaults: Object.freeze(parse({})),
    fixed: Object.freeze({ ...fixed }),
    endpoints: Object.freeze([...(parts.endpoints ?? ["chat"])]),
    create: (options) => parts.build(parts.name, parse(options)),
  };
}
