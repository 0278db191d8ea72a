import { describe, expect, it } from "vitest";
import { type ModelCallEvent, REPEATED_REQUEST_INDEX_STRIDE, createStrategy } from "../src/index.js";
import { type RecordedRun, codeAnswer, context, functionProblem, programProblem, untestedProblem } from "./support/fixtures.js";
import { ScriptedChatModel } from "./support/scripted-model.js";

/** These tests are of the project's own prompts; the reference profile has its differential tests. */
const CG = { prompts: "cg" } as const;

const planning = (name: string) => `### Understanding\nAdd.\n### Related problem\nSum a list.\n### Algorithm\nArithmetic.\n### Plan\n1. plan-${name}`;
const ok = "### Simulation\n2 + 3 = 5, as expected.\n### Verdict\nVerdict: PLAN_OK";
const flawed = "### Simulation\nStep 1 gives 6, expected 5.\n### Verdict\nVerdict: PLAN_NEEDS_CHANGE";
const refined = (name: string) => `### Plan\n1. refined-${name}`;

function steps(result: { trace: unknown[] }): string[] {
  return result.trace.filter((event): event is ModelCallEvent => (event as ModelCallEvent).type === "model_call").map((call) => call.step);
}

describe("CodeSIM", () => {
  it("best case: plan accepted and code passing, in 3 calls", async () => {
    const model = new ScriptedChatModel([planning("a"), ok, codeAnswer("a", true)]);
    const result = await createStrategy("codesim", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(3);
    expect(steps(result)).toEqual(["plan", "simulate", "code"]);
    expect(result).toMatchObject({ sampleTestRuns: 1, publicTestsPassed: true });
    expect(result.trace).toContainEqual(expect.objectContaining({ type: "decision", decision: "plan_ok", round: 1 }));
    expect(model.prompt(0)).toContain("Recall one programming problem");
    expect(model.prompt(0)).toContain("Do not write code for the original problem.");
    expect(model.prompt(1)).toContain("## Plan\n\n1. plan-a");
    expect(model.prompt(1)).toContain("Verdict: PLAN_NEEDS_CHANGE");
    expect(model.prompt(2)).toContain("1. plan-a");
  });

  it("refines a plan the simulation rejects and codes from the refined plan", async () => {
    const model = new ScriptedChatModel([planning("a"), flawed, refined("a"), codeAnswer("a", true)]);
    const result = await createStrategy("codesim", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(4);
    expect(steps(result)).toEqual(["plan", "simulate", "refine", "code"]);
    expect(model.prompt(2)).toContain("Step 1 gives 6, expected 5.");
    expect(model.prompt(3)).toContain("1. refined-a");
    expect(model.prompt(3)).not.toContain("plan-a");
  });

  it("keeps the plan when the verdict cannot be read", async () => {
    const model = new ScriptedChatModel([planning("a"), "I traced it and got 5.", codeAnswer("a", true)]);
    const result = await createStrategy("codesim", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(3);
    expect(result.trace).toContainEqual(expect.objectContaining({ decision: "unclear" }));
  });

  it("debugging succeeds on its third attempt, each call given the plan, the code and the failing log", async () => {
    const model = new ScriptedChatModel([planning("a"), ok, codeAnswer("v0"), codeAnswer("v1"), codeAnswer("v2"), codeAnswer("v3", true)]);
    const result = await createStrategy("codesim", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(6);
    expect(steps(result)).toEqual(["plan", "simulate", "code", "debug", "debug", "debug"]);
    expect(result).toMatchObject({ sampleTestRuns: 4, publicTestsPassed: true });
    const debug = model.prompt(3);
    expect(debug).toContain("1. plan-a");
    expect(debug).toContain("# v0");
    expect(debug).toContain("assert add(2, 3) == 5 failed: got 6");
    expect(debug).toMatch(/plan itself is wrong, or the plan is right and the code does not follow it/);
    expect(model.prompt(5)).toContain("# v2");
    expect(result.trace.at(-1)).toMatchObject({ type: "sample_tests", step: "debug", round: 1, attempt: 3 });
    expect(result.candidate.code).toContain("# v3");
  });

  it("starts a new round after debugging is exhausted, as a fresh draw of the same planning request", async () => {
    const model = new ScriptedChatModel([planning("a"), ok, codeAnswer("a"), codeAnswer("a-fix"), planning("b"), ok, codeAnswer("b", true)]);
    const result = await createStrategy("codesim", { ...CG, maxPlanTry: 2, maxDebugTry: 1 }).solve(context(model, functionProblem, [], 3));
    expect(model.calls).toBe(7);
    expect(model.prompt(4)).toBe(model.prompt(0));
    expect(model.requests[0]?.sampleIndex).toBe(3);
    expect(model.requests[4]?.sampleIndex).toBe(3 + REPEATED_REQUEST_INDEX_STRIDE);
    expect(model.requests[5]?.sampleIndex).toBe(3);
    expect(model.prompt(6)).toContain("1. plan-b");
    expect(result.publicTestsPassed).toBe(true);
  });

  it("worst case: all plans exhausted in maxPlanTry × (4 + maxDebugTry) calls, returning the last code", async () => {
    const round = (r: number) => [planning(`p${r}`), flawed, refined(`p${r}`), ...Array.from({ length: 6 }, (_, i) => codeAnswer(`r${r}-${i}`))];
    const model = new ScriptedChatModel([1, 2, 3, 4, 5].flatMap(round));
    const result = await createStrategy("codesim", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(5 * (4 + 5));
    expect(result).toMatchObject({ modelCalls: 45, sampleTestRuns: 30, publicTestsPassed: false });
    expect(result.candidate.code).toContain("# r5-5");
  });

  it("without public tests, accepts the code unrun after planning, simulation and coding", async () => {
    const runs: RecordedRun[] = [];
    const model = new ScriptedChatModel([planning("a"), ok, codeAnswer("a")]);
    const result = await createStrategy("codesim", CG).solve(context(model, untestedProblem, runs));
    expect(model.calls).toBe(3);
    expect(runs).toHaveLength(0);
    expect(model.prompt(1)).toContain("Take an example from the problem statement");
    expect(result.publicTestsPassed).toBeUndefined();
    expect(result.candidate.code).toContain("# a");
  });

  it("adds model-written tests to every sample-test run when asked to", async () => {
    const runs: RecordedRun[] = [];
    const tests = "```python\nassert add(1, 1) == 2\nassert add(0, 5) == 5\n```";
    const model = new ScriptedChatModel([tests, planning("a"), ok, codeAnswer("a"), codeAnswer("b", true)]);
    const result = await createStrategy("codesim", { ...CG, generatedTests: 2 }).solve(context(model, functionProblem, runs));
    expect(model.calls).toBe(5);
    expect(steps(result)[0]).toBe("write_tests");
    expect(model.prompt(0)).toContain("Write 2 test cases");
    expect(runs.map((run) => run.extraTests)).toEqual([
      [
        { kind: "assert", code: "assert add(1, 1) == 2" },
        { kind: "assert", code: "assert add(0, 5) == 5" },
      ],
      expect.any(Array),
    ]);
  });

  it("runs model-written tests even when the problem has no public tests", async () => {
    const runs: RecordedRun[] = [];
    const model = new ScriptedChatModel(["```python\nassert add(1, 1) == 2\n```", planning("a"), ok, codeAnswer("a", true)]);
    const result = await createStrategy("codesim", { ...CG, generatedTests: 1 }).solve(context(model, untestedProblem, runs));
    expect(runs).toHaveLength(1);
    expect(result.publicTestsPassed).toBe(true);
  });
});

describe("CodeSIM variants", () => {
  const failingRound = (r: number, withVerification: boolean, debugCalls: number) => [
    planning(`p${r}`),
    ...(withVerification ? [flawed, refined(`p${r}`)] : []),
    ...Array.from({ length: 1 + debugCalls }, (_, i) => codeAnswer(`r${r}-${i}`)),
  ];
  const rounds = (withVerification: boolean, debugCalls: number) => [1, 2, 3, 4, 5].flatMap((r) => failingRound(r, withVerification, debugCalls));

  it("codesim-wd never debugs: worst case maxPlanTry × 4 calls", async () => {
    const model = new ScriptedChatModel(rounds(true, 0));
    const result = await createStrategy("codesim-wd", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(5 * 4);
    expect(steps(result)).not.toContain("debug");
    expect(result.sampleTestRuns).toBe(5);
  });

  it("codesim-wpv never simulates: best case 2 calls, worst case maxPlanTry × (2 + maxDebugTry)", async () => {
    const best = new ScriptedChatModel([planning("a"), codeAnswer("a", true)]);
    await createStrategy("codesim-wpv", CG).solve(context(best, functionProblem));
    expect(best.calls).toBe(2);

    const worst = new ScriptedChatModel(rounds(false, 5));
    const result = await createStrategy("codesim-wpv", CG).solve(context(worst, functionProblem));
    expect(worst.calls).toBe(5 * (2 + 5));
    expect(steps(result)).not.toContain("simulate");
  });

  it("codesim-wpvd only plans and codes: worst case maxPlanTry × 2 calls", async () => {
    const model = new ScriptedChatModel(rounds(false, 0));
    const result = await createStrategy("codesim-wpvd", CG).solve(context(model, functionProblem));
    expect(model.calls).toBe(5 * 2);
    expect(new Set(steps(result))).toEqual(new Set(["plan", "code"]));
  });

  it("codesim-a recalls several exemplars while planning", async () => {
    const model = new ScriptedChatModel([planning("a"), ok, codeAnswer("a", true)]);
    await createStrategy("codesim-a", { prompts: "cg" }).solve(context(model, functionProblem));
    expect(model.prompt(0)).toContain("Recall 3 programming problems");
  });

  it("codesim-c uses competitive-programming prompts", async () => {
    const model = new ScriptedChatModel([planning("a"), ok, "```python\nprint(sum(map(int, input().split())))  # PASS\n```"]);
    const result = await createStrategy("codesim-c", { prompts: "cg" }).solve(context(model, programProblem));
    expect(model.prompt(0)).toContain("constraints");
    expect(model.prompt(2)).toContain("Match the sample input and output format exactly");
    expect(model.prompt(2)).toContain("Respect the constraints");
    expect(result.candidate.kind).toBe("solution");
  });
});

describe("strategy failures", () => {
  it("propagates a model error instead of swallowing it", async () => {
    const model = new ScriptedChatModel([planning("a")]);
    await expect(createStrategy("codesim", CG).solve(context(model, functionProblem))).rejects.toThrow(/call 2 has none/);
  });

  it("stops before calling the model once the signal is aborted", async () => {
    const model = new ScriptedChatModel([planning("a")]);
    const controller = new AbortController();
    controller.abort(new Error("stopped by the test"));
    await expect(createStrategy("codesim", CG).solve({ ...context(model, functionProblem), signal: controller.signal })).rejects.toThrow("stopped by the test");
    expect(model.calls).toBe(0);
  });

  it("reports a null cost when any call has no known price", async () => {
    const model = new ScriptedChatModel([planning("a"), { text: ok, costUsd: null }, codeAnswer("a", true)]);
    const result = await createStrategy("codesim", CG).solve(context(model, functionProblem));
    expect(result.costUsd).toBeNull();
    expect(result.usage).toEqual({ promptTokens: 300, completionTokens: 30 });
  });
});
