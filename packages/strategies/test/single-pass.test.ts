import { describe, expect, it } from "vitest";
import { NoCompletionPromptError, createStrategy } from "../src/index.js";
import { type RecordedRun, codeAnswer, context, functionProblem, programProblem } from "./support/fixtures.js";
import { ScriptedChatModel } from "./support/scripted-model.js";

describe("single-pass strategies", () => {
  it("direct makes one call, forwards sampling with n = 1 and the sample index, and runs no tests", async () => {
    const model = new ScriptedChatModel([codeAnswer("direct")]);
    const runs: RecordedRun[] = [];
    const result = await createStrategy("direct", { prompts: "cg" }).solve(context(model, functionProblem, runs, 7));
    expect(model.calls).toBe(1);
    expect(model.requests[0]).toMatchObject({ params: { temperature: 0, n: 1 }, sampleIndex: 7 });
    expect(runs).toHaveLength(0);
    expect(result).toMatchObject({ modelCalls: 1, sampleTestRuns: 0, usage: { promptTokens: 100, completionTokens: 10 } });
    expect(result.publicTestsPassed).toBeUndefined();
    expect(result.candidate.kind).toBe("solution");
    expect(result.candidate.code).toContain("from typing import List");
    expect(result.candidate.code).toContain("return a + b  # direct");
  });

  it("direct turns a bare function body into a completion of the prompt", async () => {
    const model = new ScriptedChatModel(["```python\nreturn a + b\n```"]);
    const result = await createStrategy("direct", { prompts: "cg" }).solve(context(model, functionProblem));
    expect(result.candidate).toEqual({ kind: "completion", code: "    return a + b\n" });
  });

  it("asks for a standard-input program when the problem has no entry point", async () => {
    const model = new ScriptedChatModel(["```python\nprint(sum(map(int, input().split())))\n```"]);
    const result = await createStrategy("direct", { prompts: "cg" }).solve(context(model, programProblem));
    expect(model.prompt(0)).toContain("read the input from standard input");
    expect(model.prompt(0)).toContain("Input:\n```\n2 3\n```");
    expect(result.candidate).toEqual({ kind: "solution", code: "print(sum(map(int, input().split())))" });
  });

  it("verbatim sends the dataset's prompt unchanged in one call", async () => {
    const model = new ScriptedChatModel(["```python\nprint(sum(map(int, input().split())))\n```"]);
    const result = await createStrategy("verbatim").solve(context(model, programProblem));
    expect(model.calls).toBe(1);
    expect(model.prompt(0)).toBe(programProblem.prompt);
    expect(result.candidate).toEqual({ kind: "solution", code: "print(sum(map(int, input().split())))" });
  });

  it("verbatim on the completions endpoint has a base model continue the problem's prompt for base models, cut at the first stop sequence", async () => {
    const problem = { ...functionProblem, completionPrompt: { text: functionProblem.prompt, stop: ["\ndef", "\nprint"], candidateKind: "completion" as const } };
    const model = new ScriptedChatModel(["    return a + b\n\nprint(add(2, 3))\n"]);
    const ctx = { ...context(model, problem, [], 3), sampling: { temperature: 0.2, stop: ["\n#", "\ndef"] }, endpoint: "completions" as const };
    const result = await createStrategy("verbatim").solve(ctx);
    expect(model.requests).toEqual([
      { messages: [{ role: "user", content: functionProblem.prompt }], params: { temperature: 0.2, stop: ["\n#", "\ndef", "\nprint"], n: 1 }, sampleIndex: 3 },
    ]);
    expect(result.candidate).toEqual({ kind: "completion", code: "    return a + b\n" });
    expect(result.trace).toMatchObject([{ type: "model_call", step: "code", text: "    return a + b\n\nprint(add(2, 3))\n" }]);

    const withoutPrompt = createStrategy("verbatim").solve({ ...ctx, problem: programProblem });
    await expect(withoutPrompt).rejects.toBeInstanceOf(NoCompletionPromptError);
  });

  it("cot makes one call that asks for reasoning before the code", async () => {
    const model = new ScriptedChatModel([`Step 1: add.\n\n${codeAnswer("cot")}`]);
    const result = await createStrategy("cot", { prompts: "cg" }).solve(context(model, functionProblem));
    expect(model.calls).toBe(1);
    expect(model.prompt(0)).toMatch(/step by step/);
    expect(result.candidate.code).toContain("# cot");
  });

  it("self-planning makes a planning call, then a coding call given the plan", async () => {
    const model = new ScriptedChatModel(["1. Return the sum of a and b.", codeAnswer("planned")]);
    const result = await createStrategy("self-planning", { prompts: "cg" }).solve(context(model, functionProblem));
    expect(model.calls).toBe(2);
    expect(model.prompt(0)).toContain("do not write any code");
    expect(model.prompt(1)).toContain("## Plan\n\n1. Return the sum of a and b.");
    expect(result.trace.map((event) => event.type === "model_call" && event.step)).toEqual(["plan", "code"]);
    expect(result.candidate.code).toContain("# planned");
  });

  it("analogical makes one call and keeps the solution, not a recalled exemplar's code", async () => {
    const answer = [
      "### Related problems",
      "1. Multiply two numbers.\n```python\ndef mul(a, b):\n    return a * b\n```",
      "### Solution",
      codeAnswer("analogical"),
    ].join("\n");
    const model = new ScriptedChatModel([answer]);
    const result = await createStrategy("analogical", { prompts: "cg", exemplars: 2 }).solve(context(model, functionProblem));
    expect(model.calls).toBe(1);
    expect(model.prompt(0)).toContain("Recall 2 programming problems");
    expect(result.candidate.code).toContain("# analogical");
    expect(result.candidate.code).not.toContain("def mul");
  });

  it("records the trace of each call with its text, reasoning, usage and cost", async () => {
    const model = new ScriptedChatModel([{ text: codeAnswer("x"), reasoning: "thought", costUsd: 0.25 }]);
    const result = await createStrategy("direct", { prompts: "cg" }).solve(context(model, functionProblem));
    expect(result.costUsd).toBe(0.25);
    expect(result.trace).toEqual([
      expect.objectContaining({
        type: "model_call",
        step: "code",
        sampleIndex: 0,
        text: codeAnswer("x"),
        reasoning: "thought",
        finishReason: "stop",
        messages: [{ role: "user", content: model.prompt(0) }],
        cached: false,
      }),
    ]);
  });
});
