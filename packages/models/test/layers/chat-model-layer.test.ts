import { describe, expect, it } from "vitest";
import { modelOver } from "../../src/chat-model-layer.js";
import { type ChatModel, wrapChatModel } from "../../src/index.js";
import { memoryModel } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];

/** A layer that notes when a call passes it on the way down and on the way back up. */
function tracing(name: string, trace: string[]): (inner: ChatModel) => ChatModel {
  return (inner) =>
    modelOver(inner, async (request) => {
      trace.push(`${name} down`);
      const response = await inner.chat(request);
      trace.push(`${name} up`);
      return response;
    });
}

describe("wrapChatModel", () => {
  it("puts the first layer outermost and the last next to the model, taking functions and objects with wrap", async () => {
    const trace: string[] = [];
    const base = memoryModel();
    const model = wrapChatModel(base, [tracing("outer", trace), { wrap: tracing("middle", trace) }, tracing("inner", trace)]);
    await model.chat({ messages });
    expect(trace).toEqual(["outer down", "middle down", "inner down", "inner up", "middle up", "outer up"]);
    expect(base.requests).toHaveLength(1);
  });

  it("keeps the names of the model it wraps, and with no layers is the model itself", () => {
    const base = memoryModel();
    const model = wrapChatModel(base, [tracing("only", [])]);
    expect({ spec: model.spec, provider: model.provider, model: model.model }).toEqual({ spec: "memory:m", provider: "memory", model: "m" });
    expect(wrapChatModel(base, [])).toBe(base);
  });
});
