import { z } from "zod";
import { ModelRequestError } from "./errors.js";

/**
 * Checks a provider's response body at run time: SDK types are compile-time only, and a proxy
 * or a half-compatible server can answer 200 with a body of another shape. Such a body is
 * treated as a transient fault and retried.
 */
export function parseProviderBody<T>(provider: string, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ModelRequestError({
      provider,
      kind: "malformed-response",
      providerMessage: `unexpected response shape: ${z.prettifyError(parsed.error)}`,
      retryable: true,
      cause: parsed.error,
    });
  }
  return parsed.data;
}
