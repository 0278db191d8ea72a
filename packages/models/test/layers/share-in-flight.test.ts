import { describe, expect, it } from "vitest";
import { type ChatRequest, RequestCancelledError, wrapChatModel } from "../../src/index.js";
import { shareInFlight } from "../../src/layers/share-in-flight.js";
import { memoryModel, reply, waitUnlessAborted } from "../support/memory-model.js";

const messages = [{ role: "user" as const, content: "hi" }];
const keyOf = (request: ChatRequest) => `${request.messages.at(-1)?.content}|${request.sampleIndex ?? 0}`;

/** Answers after `ms`, as a provider would, or fails with a cancellation when the call's signal fires. */
function slowModel(ms: number) {
  return memoryModel(async (request, index) => {
    try {
      await waitUnlessAborted(ms, request.signal);
    } catch (reason) {
      throw new RequestCancelledError(reason);
    }
    return reply(request, { text: `call ${index}`, costUsd: 0.25 });
  });
}

describe("shareInFlight", () => {
  it("makes one call for identical requests at the same time; the others get it as a cache hit", async () => {
    const base = slowModel(50);
    const model = wrapChatModel(base, [shareInFlight(keyOf)]);
    const [leader, follower, other] = await Promise.all([model.chat({ messages }), model.chat({ messages }), model.chat({ messages, sampleIndex: 1 })]);
    expect(base.requests).toHaveLength(2);
    expect(leader).toMatchObject({ cached: false, costUsd: 0.25, attempts: 1 });
    expect(follower).toMatchObject({ cached: true, costUsd: 0, attempts: 0, choices: leader.choices });
    expect(other.choices).not.toEqual(leader.choices);
  });

  it("forgets a call once it is over", async () => {
    const base = slowModel(0);
    const model = wrapChatModel(base, [shareInFlight(keyOf)]);
    await model.chat({ messages });
    await model.chat({ messages });
    expect(base.requests).toHaveLength(2);
  });

  it("lets a follower whose leader was cancelled make the call itself", async () => {
    const base = slowModel(100);
    const model = wrapChatModel(base, [shareInFlight(keyOf)]);
    const cancel = new AbortController();
    const leader = model.chat({ messages, signal: cancel.signal });
    const follower = model.chat({ messages });
    setTimeout(() => cancel.abort(), 20);
    await expect(leader).rejects.toBeInstanceOf(RequestCancelledError);
    await expect(follower).resolves.toMatchObject({ cached: false, choices: [{ text: "call 1 0" }] });
    expect(base.requests).toHaveLength(2);
  });

  it("lets a cancelled follower stop waiting while its leader goes on", async () => {
    const base = slowModel(100);
    const model = wrapChatModel(base, [shareInFlight(keyOf)]);
    const cancel = new AbortController();
    const leader = model.chat({ messages });
    const follower = model.chat({ messages, signal: cancel.signal });
    setTimeout(() => cancel.abort(), 20);
    await expect(follower).rejects.toBeInstanceOf(RequestCancelledError);
    await expect(leader).resolves.toMatchObject({ cached: false });
    expect(base.requests).toHaveLength(1);
  });

  it("gives every follower the leader's failure", async () => {
    const failure = new Error("provider down");
    const model = wrapChatModel(
      memoryModel(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw failure;
      }),
      [shareInFlight(keyOf)],
    );
    const outcomes = await Promise.allSettled([model.chat({ messages }), model.chat({ messages })]);
    expect(outcomes).toEqual([
      { status: "rejected", reason: failure },
      { status: "rejected", reason: failure },
    ]);
  });
});
