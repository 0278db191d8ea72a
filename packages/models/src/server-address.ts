import { InvalidBaseUrlError } from "./errors.js";

/**
 * What is wrong with a server address, or undefined when it is an http(s) URL. Without its
 * scheme, "localhost:8000/v1" would parse as a URL of the scheme "localhost:".
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not a URL at all: said below, with the fix.
  }
  if (url && (url.protocol === "http:" || url.protocol === "https:") && url.host !== "") return undefined;
  const fix = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) ? "it must start with http:// or https://" : `write it with its scheme: http://${baseUrl}`;
  return `"${baseUrl}" is not an http(s) server address; ${fix}`;
}

/** @throws InvalidBaseUrlError naming the fix, for an address that is not an http(s) URL. */
export function checkBaseUrl(baseUrl: string): void {
  const problem = baseUrlProblem(baseUrl);
  if (problem !== undefined) throw new InvalidBaseUrlError(baseUrl, problem);
}
