import { InvalidRequestError } from "./errors.js";

/**
 * `body` with the members of `extraBody` added as given. A member the body already has came from
 * another parameter (or is the model or the messages), and is refused rather than overwritten.
 */
export function withExtraBody<Body extends object>(provider: string, body: Body, extraBody: Record<string, unknown> | undefined): Body {
  if (extraBody === undefined) return body;
  const taken = Object.keys(extraBody).filter((key) => Object.hasOwn(body, key));
  if (taken.length > 0) {
    throw new InvalidRequestError(
      `extraBody sets ${taken.map((key) => `"${key}"`).join(", ")}, which the ${provider} request already has from its other parameters; give each value once`,
    );
  }
  return { ...body, ...extraBody };
}
