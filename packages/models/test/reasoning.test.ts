import { describe, expect, it } from "vitest";
import { splitThinking } from "../src/index.js";

describe("splitThinking", () => {
  it("leaves text without think tags untouched", () => {
    expect(splitThinking("  code\n")).toEqual({ text: "  code\n" });
  });

  it("moves a complete <think> block into reasoning", () => {
    expect(splitThinking("<think>\nstep 1\n</think>\n\nanswer")).toEqual({ text: "answer", reasoning: "step 1" });
  });

  it("handles a block opened by the chat template (only </think> in the output)", () => {
    expect(splitThinking("step 1\nstep 2\n</think>\n\nanswer")).toEqual({ text: "answer", reasoning: "step 1\nstep 2" });
  });

  it("treats an unterminated block cut by the token limit as reasoning only", () => {
    expect(splitThinking("<think>\nstill thinking when the limit hit")).toEqual({ text: "", reasoning: "still thinking when the limit hit" });
  });

  it("drops an empty block (Qwen3 with thinking disabled)", () => {
    expect(splitThinking("<think>\n\n</think>\n\nanswer")).toEqual({ text: "answer" });
  });
});
