import type { z } from "zod";
import type { StrategyDefinition } from "../../definition.js";
import { defineStrategy } from "../../definition.js";
import { InvalidStrategyOptionsError } from "../../errors.js";
import { promptProfileSchema } from "../../reference-profile.js";
import { type CodeSimVariantSpec, CodeSimVariantReference } from "./codesim-ac-reference.js";
import { type CodeSimOptions, CodeSimStrategy, codesimOptionsSchema } from "./strategy.js";

const variantOptionsSchema = codesimOptionsSchema.extend({ prompts: promptProfileSchema.default("reference") });

type VariantOptions = z.infer<typeof variantOptionsSchema>;

const CG_DEFAULTS: Readonly<CodeSimOptions> = codesimOptionsSchema.parse({});

export interface CodeSimVariantParts {
  name: string;
  description: string;
  /** The `cg` profile: CodeSIM with these options fixed. */
  fixed: Partial<CodeSimOptions>;
  /** The `reference` profile: the authors' class. */
  reference: CodeSimVariantSpec;
}

/**
 * A CodeSIM variant in both profiles: `cg` is CodeSimStrategy with the variant's options fixed;
 * `reference` is the authors' class, whose budgets and steps are theirs, so the `cg` options
 * must keep their defaults there.
 */
export function defineCodeSimVariant(parts: CodeSimVariantParts): StrategyDefinition {
  return defineStrategy<VariantOptions>({
    name: parts.name,
    description: parts.description,
    schema: variantOptionsSchema,
    fixed: parts.fixed,
    build: (name, { prompts, ...options }) => {
      if (prompts === "cg") return new CodeSimStrategy(name, options);
      const changed = (Object.keys(CG_DEFAULTS) as Array<keyof CodeSimOptions>).filter((key) => !(key in parts.fixed) && options[key] !== CG_DEFAULTS[key]);
      if (changed.length > 0) {
        throw new InvalidStrategyOptionsError(
          name,
          changed.map((key) => `"${key}" applies to the cg profile only; the reference profile runs ${parts.reference.className} with its authors' budgets (use prompts: "cg" to tune it)`),
        );
      }
      return new CodeSimVariantReference(name, parts.reference);
    },
  });
}
