import { type Problem, type PublicTest } from "@cg/datasets";
import { beforeAll, describe, expect, it } from "vitest";
import { type StrategyResult, createStrategy } from "../src/index.js";
import {
  type DifferentialCase,
  DATA_DIR,
  expectSameRun,
  referenceRecords,
  runCg,
  runReference,
  scriptedSampleTests,
  withTypingImport,
} from "./reference/differential.js";
import { cutStatement, parseTestCases, pythonSplitlines } from "../src/strategies/codesim/codesim-ac-feedback.js";
import { ScriptedChatModel } from "./support/scripted-model.js";
import { loadProblems } from "./reference/load-problems.js";

/**
 * codesim-a and codesim-c under the reference profile against the authors' CodeSIMA and
 * CodeSIMC, on HumanEval, MBPP and APPS: the shortest path (first plan and code accepted), the
 * longest (every plan sent back, all code failing, every budget used) and a mixed one.
 */

let humanEval: Map<string, Problem>;
let mbpp: Map<string, Problem>;
let apps: Map<string, Problem>;
let records: { humanEval: Map<string, Record<string, unknown>>; mbpp: Map<string, Record<string, unknown>>; apps: Map<string, Record<string, unknown>> };

const byId = (problems: Problem[]) => new Map(problems.map((problem) => [problem.taskId, problem]));

beforeAll(async () => {
  const [h, m, a] = await Promise.all([
    loadProblems("humaneval", { dataDir: DATA_DIR }),
    loadProblems("mbpp-397", { dataDir: DATA_DIR }),
    loadProblems("apps-150", { dataDir: DATA_DIR }),
  ]);
  humanEval = byId(h);
  mbpp = byId(m);
  apps = byId(a);
  records = {
    humanEval: referenceRecords("codesim-data/HumanEval/HumanEval.jsonl", "task_id"),
    mbpp: referenceRecords("codesim-data/MBPPEval/mbpp-py.jsonl", "name"),
    apps: referenceRecords("codesim-data/APPS/selected150.jsonl", "id"),
  };
});

// Scripted answers. Sample tests pass code that holds "PASS_ALL" or "# passes <test>".
const plan = (n: number) => `### Problem Understanding\nCompare neighbours, take ${n}.\n\n### Plan\n1. Sort the values (plan ${n}).\n2. Compare each neighbouring pair.`;
const planWithoutHeading = (n: number) => `Sort, then compare neighbours (plan ${n}).`;
const planOk = "### Simulation\nThe sample gives the expected output.\n\n### Plan Evaluation\n**No Need to Modify Plan**";
const planChange = "### Simulation\nThe sample gives a different output.\n\n### Plan Evaluation\n**Plan Modification Needed**";
/** Holds "Plan Modification Needed" inside "No Plan Modification Needed": no change, by the authors' test. */
const planChangeNegated = "### Plan Evaluation\nNo Plan Modification Needed";
const resent = (n: number) => `### Simulation\nTraced again (answer ${n}).\n\n### Plan Evaluation\n**Plan Modification Needed**`;
const passes = (test: string) => `# passes ${test}`;
const contestPasses = (input: string) => `# passes ${JSON.stringify(input)}`;

function code(label: string, ...marks: string[]): string {
  return `### Modified Code\n\n\`\`\`python\ndef solve():\n    return 0  # ${label}\n${marks.map((mark) => `${mark}\n`).join("")}\`\`\`\n`;
}

function program(label: string, ...marks: string[]): string {
  return `\`\`\`python3\nprint(input())  # ${label}\n${marks.map((mark) => `${mark}\n`).join("")}\`\`\``;
}

const testAnswer = (...asserts: string[]) => `### Problem Understanding\nThe pairs closer than the threshold.\n\n### Test Cases\n${asserts.join("\n")}\n`;

/** `rounds` rounds of a sent-back plan and failing code with every debugging try failing too. */
function failingRounds(rounds: number, debugs: number, answer: (label: string) => string): string[] {
  return Array.from({ length: rounds }, (_, r) => [
    plan(r + 1),
    planChange,
    resent(r + 1),
    answer(`round ${r + 1}`),
    ...Array.from({ length: debugs }, (_, d) => answer(`round ${r + 1} debug ${d + 1}`)),
  ]).flat();
}

function humanEvalCase(strategy: string, taskId: string, answers: string[]): DifferentialCase {
  return {
    repository: "codesim",
    referenceStrategy: strategy === "codesim-a" ? "CodeSIMA" : "CodeSIMC",
    referenceDataset: "HumanEval",
    record: records.humanEval.get(taskId)!,
    problem: humanEval.get(taskId)!,
    strategy,
    answers,
  };
}

function appsCase(strategy: string, id: string, answers: string[], record?: Record<string, unknown>): DifferentialCase {
  return {
    repository: "codesim",
    referenceStrategy: strategy === "codesim-a" ? "CodeSIMA" : "CodeSIMC",
    referenceDataset: "APPS",
    record: record ?? records.apps.get(id)!,
    problem: apps.get(`APPS/${id}`)!,
    strategy,
    answers,
  };
}

describe("codesim-a, reference profile, against the authors' CodeSIMA", () => {
  // HumanEval/0: has_close_elements; tests the model might write for it.
  const G1 = "assert has_close_elements([1.0, 1.05], 0.1) == True";
  const G2 = "assert has_close_elements([], 1.0) == False";
  const G3 = "assert has_close_elements([5.0], 0.5) == False";

  it("HumanEval, shortest path: two test-writing calls, then plan, simulation and code accepted (5 calls)", async () => {
    const { reference, cg } = await expectSameRun(
      humanEvalCase("codesim-a", "HumanEval/0", [testAnswer(G1, G2), testAnswer(G2, G1), plan(1), planOk, code("first", "# PASS_ALL")]),
      withTypingImport,
    );
    expect(reference.calls.length).toBe(5);
    expect(cg.calls.slice(0, 2).map((call) => call.frequency_penalty)).toEqual([0.2, 0.2]);
    expect(cg.calls.slice(2).every((call) => call.frequency_penalty === 0 && call.presence_penalty === 0)).toBe(true);
  });

  it("HumanEval, longest path: every plan sent back, every code failing, 5 plans x 5 debugging tries (47 calls)", async () => {
    // One test in both answers: the feedback lists it after the failing sample tests.
    const answers = [testAnswer(G1, G2), testAnswer(G3, G1), ...failingRounds(5, 5, (label) => code(label))];
    const { reference, cg } = await expectSameRun(humanEvalCase("codesim-a", "HumanEval/0", answers), withTypingImport);
    expect(reference.calls.length).toBe(47);
    expect(cg.calls[8]!.messages[0]!.content).toContain(G1);
    expect(cg.calls[8]!.messages[0]!.content).not.toContain(G2);
  });

  it("HumanEval, mixed path: shared tests only, a plan without its heading, a negated verdict, unfenced code, success in round 2 (14 calls)", async () => {
    const sample1 = (humanEval.get("HumanEval/0")!.publicTests[0] as { code: string }).code;
    const sample2 = (humanEval.get("HumanEval/0")!.publicTests[1] as { code: string }).code;
    const answers = [
      // Duplicates count once; an indented assert is not a test to the authors' parser.
      `\`\`\`python\n${G1}\n${G2}\n${G2}\n    ${G3}\n\`\`\``,
      testAnswer(G2, G1, G3),
      planWithoutHeading(1),
      planChangeNegated,
      code("fails G2 only", passes(sample1), passes(sample2), passes(G1)),
      `\`\`\`Python3\ndef solve():\n    return 1\n${passes(G1)}\n\`\`\``,
      `I could not find the bug.\n${passes(G1)}`,
      code("debug 3", passes(G1)),
      code("debug 4", passes(sample2), passes(G1)),
      code("debug 5", passes(G1)),
      plan(2),
      planChange,
      resent(2),
      code("round 2", "# PASS_ALL"),
    ];
    const { reference } = await expectSameRun(humanEvalCase("codesim-a", "HumanEval/0", answers), withTypingImport);
    expect(reference.calls.length).toBe(14);
  });

  it("MBPP, mixed path: the sample test passes, a model-written test fails, the first debugging try passes (6 calls)", async () => {
    const name = "mbpp_234_volume_cube";
    const T1 = "assert volume_cube(2) == 8";
    const T2 = "assert volume_cube(0) == 0";
    const sample = (mbpp.get(name)!.publicTests[0] as { code: string }).code;
    const { reference } = await expectSameRun(
      {
        repository: "codesim",
        referenceStrategy: "CodeSIMA",
        referenceDataset: "MBPP",
        record: records.mbpp.get(name)!,
        problem: mbpp.get(name)!,
        strategy: "codesim-a",
        answers: [testAnswer(T1, T2), testAnswer(T2, T1), plan(1), planOk, code("misses T2", passes(sample), passes(T1)), code("all", "# PASS_ALL")],
      },
      withTypingImport,
    );
    expect(reference.calls.length).toBe(6);
  });

  describe("APPS: the authors' code stops on the missing entry_point; cg runs it without model-written tests", () => {
    // The authors' run with an entry_point added to the record and test-writing answers that hold
    // no assert: no tests are kept, which is the behaviour cg chooses. Its calls after the two
    // test-writing calls are what cg must send.
    const noTests = "### Problem Understanding\nRead the tree.\n\n### Test Cases\nInput: 1 1 Output: 1\n";

    async function expectSameAsWithoutTests(id: string, answers: string[]): Promise<number> {
      const withEntryPoint = { ...records.apps.get(id)!, entry_point: "solution" };
      const c = appsCase("codesim-a", id, answers);
      const [reference, cg] = await Promise.all([runReference({ ...c, record: withEntryPoint, answers: [noTests, noTests, ...answers] }), runCg(c)]);
      expect(reference.error).toBeNull();
      expect(reference.calls.slice(0, 2).map((call) => call.frequency_penalty)).toEqual([0.2, 0.2]);
      expect(cg.calls).toEqual(reference.calls.slice(2));
      expect(cg.code).toBe(reference.code);
      return cg.calls.length;
    }

    it("stops with a KeyError before any call on the authors' record", async () => {
      const reference = await runReference(appsCase("codesim-a", "2199", [plan(1)]));
      expect(reference.error).toBe("KeyError: 'entry_point'");
      expect(reference.calls).toEqual([]);
    });

    it("shortest path (3 calls)", async () => {
      expect(await expectSameAsWithoutTests("2199", [plan(1), planOk, program("first", "# PASS_ALL")])).toBe(3);
    });

    it("longest path: 3 plans x 3 debugging tries (21 calls)", async () => {
      expect(await expectSameAsWithoutTests("2199", failingRounds(3, 3, (label) => program(label)))).toBe(21);
    });

    it("mixed path on a call-based problem: a sent-back plan, then the first debugging try passes (5 calls)", async () => {
      const inputs = (apps.get("APPS/4724")!.publicTests as Array<{ input: string }>).map((test) => test.input);
      const answers = [plan(1), planChange, resent(1), program("passes two", contestPasses(inputs[0]!), contestPasses(inputs[2]!)), program("all", "# PASS_ALL")];
      expect(await expectSameAsWithoutTests("4724", answers)).toBe(5);
    });
  });
});

describe("codesim-c, reference profile, against the authors' CodeSIMC", () => {
  it("HumanEval, shortest path (3 calls)", async () => {
    const { reference } = await expectSameRun(humanEvalCase("codesim-c", "HumanEval/2", [plan(1), planOk, code("first", "# PASS_ALL")]), withTypingImport);
    expect(reference.calls.length).toBe(3);
  });

  it("HumanEval, longest path: 5 plans x 5 debugging tries (45 calls)", async () => {
    const { reference } = await expectSameRun(humanEvalCase("codesim-c", "HumanEval/2", failingRounds(5, 5, (label) => code(label))), withTypingImport);
    expect(reference.calls.length).toBe(45);
  });

  it("HumanEval, mixed path: a failed round, then a negated verdict and a fix on the first debugging try (13 calls)", async () => {
    const sample1 = (humanEval.get("HumanEval/0")!.publicTests[0] as { code: string }).code;
    const answers = [
      ...failingRounds(1, 5, (label) => code(label, passes(sample1))),
      planWithoutHeading(2),
      planChangeNegated,
      code("round 2", passes(sample1)),
      code("fixed", "# PASS_ALL"),
    ];
    const { reference } = await expectSameRun(humanEvalCase("codesim-c", "HumanEval/0", answers), withTypingImport);
    expect(reference.calls.length).toBe(13);
  });

  it("APPS, shortest path (3 calls)", async () => {
    const { reference } = await expectSameRun(appsCase("codesim-c", "2199", [plan(1), planOk, program("first", "# PASS_ALL")]));
    expect(reference.calls.length).toBe(3);
  });

  it("APPS, longest path: 3 plans x 5 debugging tries (27 calls)", async () => {
    const { reference } = await expectSameRun(appsCase("codesim-c", "2199", failingRounds(3, 5, (label) => program(label))));
    expect(reference.calls.length).toBe(27);
  });

  it("APPS, mixed path: a sent-back plan and failing debugging, then a second plan accepted (12 calls)", async () => {
    const inputs = (apps.get("APPS/2199")!.publicTests as Array<{ input: string }>).map((test) => test.input);
    const answers = [
      plan(1),
      planChange,
      resent(1),
      program("passes the first", contestPasses(inputs[0]!)),
      program("no fence at all").replace(/```(python3)?/g, ""),
      program("passes the last", contestPasses(inputs[2]!)),
      "```cpp\nint main() {}\n```",
      program("debug 4"),
      program("debug 5", contestPasses(inputs[1]!)),
      plan(2),
      planOk,
      program("second plan", "# PASS_ALL"),
    ];
    const { reference } = await expectSameRun(appsCase("codesim-c", "2199", answers));
    expect(reference.calls.length).toBe(12);
  });
});

describe("codesim-a and codesim-c, reference profile, beyond what the authors' runs show", () => {
  /** Solves with the scripted model and sample tests, recording the model-written tests each run gets. */
  async function solve(strategy: string, problem: Problem, answers: string[]) {
    const instance = createStrategy(strategy);
    await instance.prepare?.({ dataDir: DATA_DIR });
    const model = new ScriptedChatModel(answers);
    const extraTests: Array<readonly PublicTest[] | undefined> = [];
    const runTests = scriptedSampleTests(problem);
    const result: StrategyResult = await instance.solve({
      problem,
      model,
      sampling: {},
      sampleIndex: 0,
      runSampleTests: (candidate, extra) => {
        extraTests.push(extra);
        return runTests(candidate, extra);
      },
    });
    return { model, result, extraTests };
  }

  it("keeps thinking inlined in answers out of the written tests, the plan and the simulation's verdict", async () => {
    const problem = humanEval.get("HumanEval/0")!;
    const kept = "assert has_close_elements([1.0, 1.05], 0.1) == True";
    const thought = "assert has_close_elements([9.0], 1.0) == False";
    const tests = `<think>\n${thought}\n</think>\n### Test Cases\n${kept}\n`;
    const { model, result, extraTests } = await solve("codesim-a", problem, [
      tests,
      tests,
      "<think>secret draft\n### Plan\n1. secret step</think>\nSort, then compare neighbours.",
      "<think>Plan Modification Needed</think>\n**No Need to Modify Plan**",
      code("first", "# PASS_ALL"),
    ]);
    expect(model.calls).toBe(5);
    expect(extraTests).toEqual([[{ kind: "assert", code: kept }]]);
    expect(model.prompt(3)).toContain("Sort, then compare neighbours.");
    expect(model.prompt(3)).not.toContain("secret");
    expect(model.prompt(4)).not.toContain("secret");
    expect(result.publicTestsPassed).toBe(true);
  });

  it("writes no tests on a contest problem and records why", async () => {
    const { model, result, extraTests } = await solve("codesim-a", apps.get("APPS/2199")!, [plan(1), planOk, program("first", "# PASS_ALL")]);
    expect(model.calls).toBe(3);
    expect(extraTests).toEqual([undefined]);
    expect(result.trace).toContainEqual(expect.objectContaining({ type: "decision", step: "write_tests", decision: "skipped" }));
  });

  it("applies the papers' sampling, and refuses the cg profile's options", () => {
    expect(createStrategy("codesim-a").samplingDefaults).toEqual({ temperature: 0, topP: 0.95, maxTokens: 4096 });
    expect(createStrategy("codesim-c", { prompts: "cg" }).samplingDefaults).toBeUndefined();
    expect(() => createStrategy("codesim-a", { maxPlanTry: 2 })).toThrow(/"maxPlanTry" applies to the cg profile only/);
    expect(() => createStrategy("codesim-c", { generatedTests: 3 })).toThrow(/"generatedTests" applies to the cg profile only/);
    expect(createStrategy("codesim-c", { maxPlanTry: 5 }).name).toBe("codesim-c");
    expect(createStrategy("codesim-a", { prompts: "cg", maxPlanTry: 2 }).name).toBe("codesim-a");
  });
});

describe("the authors' text handling in CodeSIMA and CodeSIMC", () => {
  it("splits lines as Python's str.splitlines does", () => {
    expect(pythonSplitlines("a\n")).toEqual(["a"]);
    expect(pythonSplitlines("")).toEqual([]);
    expect(pythonSplitlines("\n")).toEqual([""]);
    expect(pythonSplitlines("a\r\nb")).toEqual(["a", "b"]);
    expect(pythonSplitlines("a\rb\n\nc")).toEqual(["a", "b", "", "c"]);
    expect(pythonSplitlines("a\x85b\u2028c\vd")).toEqual(["a", "b", "c", "d"]);
    expect(pythonSplitlines("x\r")).toEqual(["x"]);
  });

  it("reads tests from lines that start with assert, and cuts a statement as Python's slice does", () => {
    expect(parseTestCases("### Test Cases\r\nassert f(1) == 2\n  assert f(2) == 3\nassertion\n")).toEqual(["assert f(1) == 2", "assertion"]);
    expect(cutStatement("Statement.\n\n-------\nImportant Note: stdin.")).toBe("Statement.\n\n");
    // str.find gives -1 when the marker is missing, and s[:-1] drops the last character.
    expect(cutStatement("abc")).toBe("ab");
  });
});
