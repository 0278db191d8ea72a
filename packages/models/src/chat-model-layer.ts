import type { ChatModel, ChatRequest, ChatResponse } from "./types.js";

/**
 * One concern of a model stack, in the style of middleware: takes the model below it and returns
 * the model above it, which sees every call first. A function, or an object whose `wrap` is one.
 */
export type ChatModelLayer = ((model: ChatModel) => ChatModel) | { wrap(model: ChatModel): ChatModel };

/** `model` under `layers`, listed from the outermost (sees each call first) to the innermost (calls `model`). */
export function wrapChatModel(model: ChatModel, layers: readonly ChatModelLayer[]): ChatModel {
  return layers.reduceRight<ChatModel>((inner, layer) => (typeof layer === "function" ? layer(inner) : layer.wrap(inner)), model);
}

/** A model with the names of `inner` whose calls go through `chat`. */
export function modelOver(inner: ChatModel, chat: (request: ChatRequest) => Promise<ChatResponse>): ChatModel {
  return { spec: inner.spec, provider: inner.provider, model: inner.model, chat };
}
