import { type ChatModelLayer, modelOver } from "../chat-model-layer.js";
import { type PriceTable, computeCostUsd, findPrice } from "../cost.js";
import { mapWithSamples } from "../sample-parts.js";

/**
 * Sets the cost of each response that came from the provider, from its usage and the model's
 * price (`prices` first, then the default table); null for a model without a price. A response
 * from the cache keeps the cost it carries. Each sample's part is priced from its own usage.
 */
export function priceResponses(prices: PriceTable): ChatModelLayer {
  return (inner) => {
    const price = findPrice(inner.provider, inner.model, prices);
    return modelOver(inner, async (request) => {
      const response = await inner.chat(request);
      if (response.cached) return response;
      return mapWithSamples(response, (part) => ({ ...part, costUsd: price ? computeCostUsd(part.usage, price) : null }));
    });
  };
}
