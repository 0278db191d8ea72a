import { describe, expect, it } from "vitest";
import { type ModelCallEvent, type SampleTestEvent, createStrategy } from "../src/index.js";
import { type RecordedRun, codeAnswer, context, functionProblem, untestedProblem } from "./support/fixtures.js";
import { ScriptedChatModel } from "./support/scripted-model.js";

/** These tests cover the project's own prompts; mapcoder.reference.test.ts covers the authors'. */
const CG = { prompts: "cg" } as const;

function retrieval(names: string[]): string {
  const exemplars = names.map(
    (name) => `<exemplar>\n<description>Problem ${name}</description>\n<plan>1. ${name}</plan>\n<code>\n\`\`\`python\ndef ${name}():\n    pass\n\`\`\`\n</code>\n</exemplar>`,
  );
  return `${exemplars.join("\n")}\n<algorithm>Arithmetic.</algorithm>`;
}

function plan(name: string, confidence: number | string): string {
  return `<plan>\n1. plan-${name}\n</plan>\nConfidence: ${confidence}`;
}

/** Retrieval and three plans ranked b (90), c (60), a (40). */
const opening = [retrieval(["a", "b", "c"]), plan("a", 40), plan("b", 90), plan("c", 60)];

function modelCalls(trace: unknown[]): ModelCallEvent[] {
  return trace.filter((event): event is ModelCallEvent => (event as ModelCallEvent).type === "model_call");
}

describe("MapCoder, cg prompts", () => {
  it("best case: the top-ranked plan's code passes at once, in 1 + k + 1 calls", async () => {
    const model = new ScriptedChatModel([...opening, codeAnswer("b", true)]);
    const runs: RecordedRun[] = [];
    const result = await createStrategy("mapcoder", CG).solve(context(model, functionProblem, runs));
    expect(model.calls).toBe(1 + 3 + 1);
    expect(result).toMatchObject({ modelCalls: 5, sampleTestRuns: 1, publicTestsPassed: true });
    expect(model.prompt(1)).toContain("Problem a");
    expect(model.prompt(1)).toContain("def a():");
    expect(model.prompt(1)).toContain("Arithmetic.");
    expect(model.prompt(4)).toContain("1. plan-b");
    expect(result.candidate.code).toContain("# b # PASS");
    expect(result.trace).toContainEqual(expect.objectContaining({ type: "decision", decision: "plan_order" }));
  });

  it("debugging succeeds on its third attempt", async () => {
    const script = [...opening, codeAnswer("first"), codeAnswer("fix-1"), codeAnswer("fix-2"), codeAnswer("fix-3", true)];
    const model = new ScriptedChatModel(script);
    const result = await createStrategy("mapcoder", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(1 + 3 + 1 + 3);
    expect(result).toMatchObject({ sampleTestRuns: 4, publicTestsPassed: true });
    const debug = model.prompt(5);
    expect(debug).toContain("1. plan-b");
    expect(debug).toContain("return a + b  # first");
    expect(debug).toContain("assert add(2, 3) == 5 failed: got 6");
    expect(model.prompt(7)).toContain("# fix-2");
    const last = result.trace.at(-1) as SampleTestEvent;
    expect(last).toMatchObject({ type: "sample_tests", step: "debug", round: 1, attempt: 3, status: "executed" });
    expect(result.candidate.code).toContain("# fix-3");
  });

  it("moves to the next plan when debugging is exhausted", async () => {
    const model = new ScriptedChatModel([...opening, codeAnswer("b"), codeAnswer("b-fix"), codeAnswer("c", true)]);
    const result = await createStrategy("mapcoder", { ...CG, t: 1 }).solve(context(model, functionProblem));
    expect(model.calls).toBe(1 + 3 + 2 + 1);
    expect(model.prompt(6)).toContain("1. plan-c");
    expect(result.publicTestsPassed).toBe(true);
  });

  it("worst case: every plan fails, in 1 + k + k(1 + t) calls, returning the last code", async () => {
    const failing = Array.from({ length: 3 * 6 }, (_, index) => codeAnswer(`attempt-${index}`));
    const model = new ScriptedChatModel([...opening, ...failing]);
    const result = await createStrategy("mapcoder", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(1 + 3 + 3 * (1 + 5));
    expect(result).toMatchObject({ modelCalls: 22, sampleTestRuns: 18, publicTestsPassed: false });
    expect(result.candidate.code).toContain("# attempt-17");
    const codingSteps = modelCalls(result.trace).filter((call) => call.step === "code");
    expect(codingSteps.map((call) => /plan-(\w)/.exec(call.messages[0]?.content ?? "")?.[1])).toEqual(["b", "c", "a"]);
  });

  it("ranks a plan whose confidence cannot be read last", async () => {
    const model = new ScriptedChatModel([retrieval(["a", "b"]), plan("a", "unsure"), plan("b", 10), codeAnswer("b", true)]);
    await createStrategy("mapcoder", { ...CG, k: 2 }).solve(context(model, functionProblem));
    expect(model.prompt(3)).toContain("1. plan-b");
  });

  it("without public tests, accepts the first plan's code unrun", async () => {
    const runs: RecordedRun[] = [];
    const model = new ScriptedChatModel([...opening, codeAnswer("b")]);
    const result = await createStrategy("mapcoder", CG).solve(context(model, untestedProblem, runs));
    expect(model.calls).toBe(5);
    expect(runs).toHaveLength(0);
    expect(result.sampleTestRuns).toBe(0);
    expect(result.publicTestsPassed).toBeUndefined();
    expect(result.trace.at(-1)).toMatchObject({ type: "sample_tests", status: "no_tests" });
  });

  it("plans from the whole retrieval answer when no exemplar can be read", async () => {
    const model = new ScriptedChatModel(["Nothing comes to mind.", plan("only", 50), codeAnswer("only", true)]);
    const result = await createStrategy("mapcoder", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(3);
    expect(model.prompt(1)).toContain("Nothing comes to mind.");
    expect(result.trace).toContainEqual(expect.objectContaining({ decision: "exemplars", detail: expect.stringContaining("no exemplar") }));
  });

  it("counts an answer without code as a failed run that never reaches the runner", async () => {
    const runs: RecordedRun[] = [];
    const model = new ScriptedChatModel([...opening, "Sorry, I cannot write this.", codeAnswer("fixed", true)]);
    const result = await createStrategy("mapcoder", CG).solve(context(model, functionProblem, runs));
    expect(runs).toHaveLength(1);
    expect(result.sampleTestRuns).toBe(1);
    const failed = result.trace.find((event) => event.type === "sample_tests" && event.status === "no_code") as SampleTestEvent;
    expect(failed.report.passed).toBe(false);
    expect(failed.report.log).toContain("contained no Python code");
    expect(model.prompt(5)).toContain("(no code was produced)");
    expect(model.prompt(5)).toContain("contained no Python code");
  });
});
