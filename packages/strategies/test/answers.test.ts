import { describe, expect, it } from "vitest";
import { parseGeneratedTests, parsePlan, parseVerdict } from "../src/strategies/codesim/answers.js";
import { parseConfidence, parseRecollection, parseScoredPlan, rankPlans } from "../src/strategies/mapcoder/answers.js";

describe("CodeSIM simulation verdict", () => {
  it.each([
    ["### Simulation\n...\n### Verdict\nVerdict: PLAN_OK", "plan_ok"],
    ["Verdict: PLAN_NEEDS_CHANGE", "plan_needs_change"],
    ["**Verdict:** `PLAN_NEEDS_CHANGE`", "plan_needs_change"],
    ["verdict - plan ok", "plan_ok"],
    ["Verdict: the plan is wrong at step 3", "plan_needs_change"],
    ["Final verdict: No modification needed.", "plan_ok"],
    ["The output matches.\n\n**No Need to Modify Plan**", "plan_ok"],
    ["Step 2 gives 7, expected 5.\n\nPlan Modification Needed", "plan_needs_change"],
    ["No Plan Modification Needed", "plan_ok"],
  ] as const)("reads %j as %s", (text, verdict) => {
    expect(parseVerdict(text)).toBe(verdict);
  });

  it("lets the last verdict line win", () => {
    expect(parseVerdict("Verdict: PLAN_NEEDS_CHANGE\nOn reflection, I misread step 2.\nVerdict: PLAN_OK")).toBe("plan_ok");
  });

  it("does not read a verdict into ordinary prose", () => {
    expect(parseVerdict("The result is correct and everything passed, I think.")).toBe("unclear");
    expect(parseVerdict("")).toBe("unclear");
  });
});

describe("CodeSIM plan", () => {
  it("takes the last Plan section", () => {
    const text = "### Understanding\nAdd.\n### Related problem\n#### Plan\nold\n### Algorithm\nArithmetic.\n### Plan\n1. Read a and b.\n2. Return a + b.";
    expect(parsePlan(text)).toBe("1. Read a and b.\n2. Return a + b.");
  });

  it("accepts a bold or renamed heading, and falls back to the whole answer", () => {
    expect(parsePlan("**Revised Plan:**\n1. step")).toBe("1. step");
    expect(parsePlan("1. step one\n2. step two")).toBe("1. step one\n2. step two");
  });
});

describe("CodeSIM generated tests", () => {
  it("reads assert lines calling the entry point", () => {
    const text = "```python\nassert add(1, 1) == 2\nprint('x')\nassert add(0, 0) == 0\nassert other(1) == 1\n```";
    expect(parseGeneratedTests(text, { kind: "function", entryPoint: "add", signatureGiven: true }, "python", 5)).toEqual([
      { kind: "assert", code: "assert add(1, 1) == 2" },
      { kind: "assert", code: "assert add(0, 0) == 0" },
    ]);
  });

  it("reads <test> blocks for a program, keeping the data exact, up to the limit", () => {
    const text = "<test>\n<input>\n1 2\n</input>\n<output>\n3\n</output>\n</test>\n<test><input>5 5</input><output>10</output></test>\n<test><input>0 0</input><output>0</output></test>";
    expect(parseGeneratedTests(text, { kind: "program" }, "python", 2)).toEqual([
      { kind: "io", input: "1 2\n", output: "3\n" },
      { kind: "io", input: "5 5\n", output: "10\n" },
    ]);
  });
});

describe("MapCoder retrieval answer", () => {
  const exemplar = (name: string) =>
    `<exemplar>\n<description>${name}</description>\n<plan>1. loop</plan>\n<code>\n\`\`\`python\ndef ${name}():\n    pass\n\`\`\`\n</code>\n</exemplar>`;

  it("reads tagged exemplars and the algorithm", () => {
    const recollection = parseRecollection(`${exemplar("first")}\n${exemplar("second")}\n<algorithm>Greedy: take the best now.</algorithm>`, "python", 3);
    expect(recollection.exemplars).toEqual([
      { description: "first", plan: "1. loop", code: "def first():\n    pass" },
      { description: "second", plan: "1. loop", code: "def second():\n    pass" },
    ]);
    expect(recollection.algorithm).toBe("Greedy: take the best now.");
  });

  it("drops duplicates and keeps at most k", () => {
    const text = [exemplar("a"), exemplar("a"), exemplar("b"), exemplar("c")].join("\n");
    expect(parseRecollection(text, "python", 2).exemplars.map((e) => e.description)).toEqual(["a", "b"]);
  });

  it("falls back to numbered headings when the tags are missing", () => {
    const text =
      "## Problem 1\nSum a list.\n### Plan\n1. add up\n```python\ndef s(xs):\n    return sum(xs)\n```\n## Problem 2\nMax of a list.\n```python\ndef m(xs):\n    return max(xs)\n```\n## Algorithm\nLinear scan.";
    const recollection = parseRecollection(text, "python", 3);
    expect(recollection.exemplars).toHaveLength(2);
    expect(recollection.exemplars[0]).toMatchObject({ plan: "1. add up", code: "def s(xs):\n    return sum(xs)" });
    expect(recollection.exemplars[1]?.code).toBe("def m(xs):\n    return max(xs)");
    expect(recollection.algorithm).toBe("Linear scan.");
  });

  it("reads nothing from an answer without structure", () => {
    expect(parseRecollection("I recall nothing useful.", "python", 3).exemplars).toEqual([]);
  });
});

describe("MapCoder plan confidence", () => {
  it.each([
    ["Confidence: 85", 85],
    ["**Confidence score**: 70/100", 70],
    ["confidence = 0.9", 90],
    ["Confidence: 8/10", 80],
    ["Confidence: 95%", 95],
    ["My confidence is 40.", 40],
    ["<confidence>65</confidence>", 65],
    ["Confidence: 250", 100],
    ["Confidence: high", undefined],
    ["no score at all", undefined],
  ] as const)("reads %j as %s", (text, value) => {
    expect(parseConfidence(text)).toBe(value);
  });

  it("separates the plan from its score", () => {
    expect(parseScoredPlan("<plan>\n1. a\n2. b\n</plan>\nConfidence: 60")).toEqual({ plan: "1. a\n2. b", confidence: 60 });
    expect(parseScoredPlan("1. a\n2. b\nConfidence: 60")).toEqual({ plan: "1. a\n2. b", confidence: 60 });
  });

  it("ranks by confidence, unreadable scores last, ties in exemplar order", () => {
    const plans = [
      { plan: "a", confidence: undefined },
      { plan: "b", confidence: 50 },
      { plan: "c", confidence: 90 },
      { plan: "d", confidence: 50 },
      { plan: "e", confidence: undefined },
    ];
    expect(rankPlans(plans).map((plan) => plan.plan)).toEqual(["c", "b", "d", "a", "e"]);
  });
});
