import { Agent, fetch as undiciFetch } from "undici";

let agent: Agent | undefined;

/**
 * The fetch every provider SDK is given. Node's built-in fetch drops a response whose headers
 * take longer than 300 s, which a long non-streaming generation (a reasoning model on a local
 * server) exceeds; here undici's own timers are off and the per-attempt `timeoutMs` governs.
 */
export const httpFetch: typeof fetch = (input, init) => {
  agent ??= new Agent({ headersTimeout: 0, bodyTimeout: 0 });
  return undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher: agent,
  }) as unknown as Promise<Response>;
};
