import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { RequestCancelledError } from "../errors.js";
import { validateChatRequest } from "../params.js";
import type { ProviderDefinition } from "../provider.js";
import { refuseUnsupportedKnobs, withoutNeutralUnsupported } from "../sampling-support.js";
import type { Endpoint } from "../types.js";

/**
 * Checks each request at the public boundary, where it may come from a configuration file, and
 * fills in its defaults (`params` {}, `sampleIndex` 0), so that the layers below see a whole,
 * valid request. Given the provider and endpoint, it also refuses a sampling parameter they do
 * not take. A request cancelled already goes no further.
 */
export function validateRequests(target?: { provider: ProviderDefinition; endpoint: Endpoint }): ChatModelLayer {
  return (inner) =>
    modelOver(inner, async (request) => {
      const valid = validateChatRequest({ messages: request.messages, params: request.params, sampleIndex: request.sampleIndex });
      const { messages, sampleIndex } = valid;
      let { params } = valid;
      if (target) {
        refuseUnsupportedKnobs(target.provider, target.endpoint, params);
        params = withoutNeutralUnsupported(target.provider, target.endpoint, params);
      }
      const { signal } = request;
      if (signal?.aborted) throw new RequestCancelledError(signal.reason);
      return inner.chat({ messages, params, sampleIndex, ...(signal ? { signal } : {}) });
    });
}
