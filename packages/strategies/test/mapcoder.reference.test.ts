import { type Problem, type PublicTest } from "@cg/datasets";
import { beforeAll, describe, expect, it } from "vitest";
import { type ModelCallEvent, type SampleTestEvent, createStrategy } from "../src/index.js";
import { ReferenceTexts } from "../src/reference-texts.js";
import { type DifferentialCase, DATA_DIR, expectSameRun, referenceRecords, runCg, runReference, scriptedSampleTests, withTypingImport } from "./reference/differential.js";
import { ScriptedChatModel } from "./support/scripted-model.js";
import { loadProblems } from "./reference/load-problems.js";

/**
 * mapcoder under the reference profile against the authors' MapCoder class, from the MapCoder
 * repository (the default `source`) and from the CodeSIM repository's copy, on HumanEval and
 * APPS: same requests byte for byte, same penalties, same returned code. Then the points where
 * the authors' code stops with an exception, and what mapcoder does there instead.
 */

let humanEval: Problem[];
let apps: Problem[];
let humanEvalRecords: Map<string, Record<string, unknown>>;
let appsRecords: Map<string, Record<string, unknown>>;
let xCodeEvalRecords: Map<string, Record<string, unknown>>;
/** The retrieval prompt's instruction lines that the authors' code trims when a model echoes them. */
let echoedInstructions: string[];

beforeAll(async () => {
  [humanEval, apps] = await Promise.all([loadProblems("humaneval", { dataDir: DATA_DIR }), loadProblems("apps-150", { dataDir: DATA_DIR })]);
  humanEvalRecords = referenceRecords("codesim-data/HumanEval/HumanEval.jsonl", "task_id");
  appsRecords = referenceRecords("codesim-data/APPS/selected150.jsonl", "id");
  xCodeEvalRecords = referenceRecords("codesim-data/xCodeEval/prog_syn_val.jsonl", "src_uid");
  const texts = new ReferenceTexts();
  const file = { repository: "mapcoder", path: "src/promptings/MapCoder.py" } as const;
  await texts.load([file], { dataDir: DATA_DIR });
  const scope = "MapCoder.run_single_pass";
  echoedInstructions = [
    ...[0, 1].map((nth) => texts.template(file, { scope, target: "response", fstring: false, nth }).text()),
    texts.template(file, { scope, target: "response", fstring: true, nth: 0 }).fill({ "self.language": "Python3" }),
  ];
});

interface Recalled {
  description: string;
  planning: string;
}

/** A retrieval answer in the layout the authors' prompt asks for. */
function recollection(problems: readonly Recalled[], algorithm: string): string {
  return [
    "<root>",
    ...problems.map(
      ({ description, planning }, i) =>
        `<problem>\n<description>${description === "" ? "" : `\n${description}\n`}</description>\n<code>\ndef helper${i}(xs):\n    return [x for x in xs if x < ${i}]\n</code>\n<planning>\n${planning}\n</planning>\n</problem>`,
    ),
    `<algorithm>\n${algorithm}\n</algorithm>`,
    "</root>",
  ].join("\n");
}

function threeRecalled(): string {
  return recollection(
    [
      { description: "Tell whether a list holds a duplicate.", planning: "1. Put the items in a set.\n2. Compare the sizes." },
      { description: "Find the closest pair of numbers.", planning: "1. Sort.\n2. Scan neighbours." },
      { description: "Count inversions.", planning: "1. Merge sort.\n2. Count while merging." },
    ],
    "Sorting, then one linear scan. Watch out for equal items & empty input.",
  );
}

function verdict(confidence: string): string {
  return `\`\`\`xml\n<root>\n<explanation>The plan handles the samples.</explanation>\n<confidence>${confidence}</confidence>\n</root>\n\`\`\``;
}

function planAnswer(label: string): string {
  return `1. Read the input (${label}).\n2. Compute the answer.\n3. Return it.`;
}

/** Code the scripted sample tests judge: passing all, the given tests, or none. */
function program(label: string, passes: "all" | readonly PublicTest[] = []): string {
  const marks = passes === "all" ? ["# PASS_ALL"] : passes.map((test) => `# passes ${test.kind === "assert" ? test.code : JSON.stringify(test.input)}`);
  return ["def solve():", `    return "${label}"`, ...marks].join("\n");
}

function codeAnswer(label: string, passes: "all" | readonly PublicTest[] = [], tag = "python"): string {
  return `\`\`\`${tag}\n${program(label, passes)}\n\`\`\``;
}

function debugAnswer(label: string, passes: "all" | readonly PublicTest[] = []): string {
  return `## Modified Planning:\n1. Fix step ${label}.\n\n## Code:\n${codeAnswer(label, passes)}\n`;
}

/** Retrieval, then a plan and its rating for each of three recalled problems. */
function opening(confidences: readonly string[] = ["80", "60", "40"]): string[] {
  return [threeRecalled(), ...confidences.flatMap((confidence, i) => [planAnswer(`plan ${i + 1}`), verdict(confidence)])];
}

/** Every plan's code and all its debugging answers failing: t = 5 tests and debugging calls per plan. */
function everythingFails(plans: number): string[] {
  return Array.from({ length: plans }, (_, plan) => [codeAnswer(`plan ${plan + 1} code`), ...Array.from({ length: 5 }, (_, i) => debugAnswer(`plan ${plan + 1} fix ${i + 1}`))]).flat();
}

type Source = "mapcoder" | "codesim";

/**
 * An xCodeEval problem as the xcodeeval dataset builds it from the record (the loader itself
 * also needs the hidden unit tests, which the mirror does not hold).
 */
function xCodeEvalProblem(record: Record<string, unknown>): Problem {
  const { src_uid: taskId, tags: _tags, difficulty: _difficulty, ...fields } = record;
  const outputs = record.sample_outputs as string[];
  return {
    taskId: String(taskId),
    language: "python",
    prompt: String(record.description),
    publicTests: (record.sample_inputs as string[]).map((input, i) => ({ kind: "io", input, output: outputs[i]! })),
    metadata: {},
    reference: { dataset: "xCodeEval", fields },
  };
}

/** The record with the sample_io MapCoder reads, in the shape the authors' evaluate_sample_io builds for xCodeEval. */
function withSampleIo(record: Record<string, unknown>): Record<string, unknown> {
  const outputs = record.sample_outputs as string[];
  return { ...record, sample_io: (record.sample_inputs as string[]).map((input, i) => ({ input, output: [outputs[i]] })) };
}

function xCodeEvalCase(source: Source, record: Record<string, unknown>, answers: string[]): DifferentialCase {
  return {
    repository: source,
    referenceStrategy: "MapCoder",
    referenceDataset: "xCodeEval",
    record,
    problem: xCodeEvalProblem(record),
    strategy: "mapcoder",
    options: { source },
    answers,
  };
}

function humanEvalCase(source: Source, problem: Problem, answers: string[]): DifferentialCase {
  return {
    repository: source,
    referenceStrategy: "MapCoder",
    referenceDataset: "HumanEval",
    record: humanEvalRecords.get(problem.taskId)!,
    problem,
    strategy: "mapcoder",
    options: { source },
    answers,
  };
}

function appsCase(source: Source, problem: Problem, answers: string[]): DifferentialCase {
  return {
    repository: source,
    referenceStrategy: "MapCoder",
    referenceDataset: "APPS",
    record: appsRecords.get(problem.taskId.replace("APPS/", ""))!,
    problem,
    strategy: "mapcoder",
    options: { source },
    answers,
  };
}

function appsProblem(id: number): Problem {
  return apps.find((problem) => problem.taskId === `APPS/${id}`)!;
}

for (const source of ["mapcoder", "codesim"] as const) {
  describe(`mapcoder (source "${source}") against the authors' MapCoder of the ${source} repository`, () => {
    it("HumanEval, shortest path: the most confident plan's code passes at once (8 calls)", async () => {
      const problem = humanEval[0]!;
      const { reference } = await expectSameRun(humanEvalCase(source, problem, [...opening(), codeAnswer("first", "all")]), withTypingImport);
      expect(reference.calls).toHaveLength(1 + 2 * 3 + 1);
      expect(reference.code).toContain('return "first"');
    });

    it("HumanEval, longest path: every plan rated, every code failing, t tests and debugging calls per plan (25 calls)", async () => {
      const problem = humanEval[2]!;
      const { reference } = await expectSameRun(humanEvalCase(source, problem, [...opening(["10", "30", "20"]), ...everythingFails(3)]), withTypingImport);
      expect(reference.calls).toHaveLength(1 + 2 * 3 + 3 * (1 + 5));
      // The last debugging answer is returned untested.
      expect(reference.code).toContain('return "plan 3 fix 5"');
    });

    it("HumanEval, mixed path: four recalled problems, tied and padded confidences, partial passes, a cpp fence, a fix on the second try", async () => {
      const problem = humanEval[3]!;
      const [firstTest] = problem.publicTests;
      const retrieval = recollection(
        [
          { description: "Sum the digits of a number.", planning: `${echoedInstructions[2]}\n1. Convert to text.\n2. Add the digits.` },
          { description: "", planning: "# Planning to solve this problem.\n1. Count.\r\n2. Check < and > & more." },
          { description: "Find the median\r\nof a list.", planning: "1. Sort.\n2. Take the middle." },
          { description: "Average a list.", planning: "1. Sum.\n2. Divide." },
        ],
        `${echoedInstructions[0]}\n${echoedInstructions[1]}\nMath: mean, absolute deviation & a single pass.`,
      );
      const answers = [
        retrieval,
        planAnswer("a"),
        verdict("70"),
        planAnswer("b"),
        verdict(" 90 "),
        planAnswer("c"),
        verdict("+90"),
        planAnswer("d"),
        verdict("0_5"),
        codeAnswer("partial", [firstTest!], "Python3"),
        "## Modified Planning:\n1. Rewrite.\n\n```cpp\nint main() {}\n```\n",
        debugAnswer("fixed", "all"),
      ];
      const { reference } = await expectSameRun(humanEvalCase(source, problem, answers), withTypingImport);
      expect(reference.calls).toHaveLength(1 + 2 * 4 + 1 + 2);
      expect(reference.calls[9]!.messages[0]!.content).toContain("Read the input (b)");
      // An empty <description> reads as None; an echoed instruction line is trimmed away.
      expect(reference.calls[3]!.messages[0]!.content).toContain("\nNone\n");
      expect(reference.calls[1]!.messages[0]!.content).not.toContain(echoedInstructions[2]);
      expect(reference.code).toContain('return "fixed"');
    });

    it("APPS, shortest path: the most confident plan's code passes at once (8 calls)", async () => {
      const { reference } = await expectSameRun(appsCase(source, appsProblem(2010), [...opening(), codeAnswer("first", "all")]));
      expect(reference.calls).toHaveLength(8);
    });

    it("APPS, longest path: every plan rated, every code failing, all budgets used (25 calls)", async () => {
      const { reference } = await expectSameRun(appsCase(source, appsProblem(2096), [...opening(["50", "50", "50"]), ...everythingFails(3)]));
      expect(reference.calls).toHaveLength(25);
      expect(reference.code).toContain('return "plan 3 fix 5"');
    });

    it("APPS, mixed path: one sample passing, then a fix on the first try of the second plan", async () => {
      const problem = appsProblem(2010);
      const [firstTest] = problem.publicTests;
      const answers = [
        ...opening(["40", "95", "20"]),
        codeAnswer("partial", [firstTest!]),
        ...Array.from({ length: 5 }, (_, i) => debugAnswer(`still partial ${i + 1}`, [firstTest!])),
        codeAnswer("second plan"),
        debugAnswer("fixed", "all"),
      ];
      const { reference } = await expectSameRun(appsCase(source, problem, answers));
      expect(reference.calls).toHaveLength(7 + 6 + 2);
      expect(reference.code).toContain('return "fixed"');
    });

    it("xCodeEval, mixed path (the record given the sample_io MapCoder reads): a fix on the first try", async () => {
      const record = [...xCodeEvalRecords.values()][0]!;
      const answers = [...opening(), codeAnswer("first"), debugAnswer("fixed", "all")];
      const { reference } = await expectSameRun(xCodeEvalCase(source, withSampleIo(record), answers));
      expect(reference.calls).toHaveLength(7 + 2);
    });

    it("APPS without sample tests: the list shown as it is, the first code accepted untested (8 calls)", async () => {
      const problem = appsProblem(3435);
      expect(problem.publicTests).toEqual([]);
      const { reference } = await expectSameRun(appsCase(source, problem, [...opening(), codeAnswer("unchecked")]));
      expect(reference.calls).toHaveLength(8);
    });
  });
}

describe("mapcoder's trace under the reference profile", () => {
  it("labels each call and test run, and leaves the untested last fix without a public-test verdict", async () => {
    const problem = appsProblem(2096);
    const strategy = createStrategy("mapcoder");
    await strategy.prepare?.({ dataDir: DATA_DIR });
    const model = new ScriptedChatModel([...opening(["50", "50", "50"]), ...everythingFails(3)]);
    const result = await strategy.solve({ problem, model, sampling: {}, sampleIndex: 0, runSampleTests: scriptedSampleTests(problem) });
    expect(result).toMatchObject({ modelCalls: 25, sampleTestRuns: 3 * 5 });
    expect(result.publicTestsPassed).toBeUndefined();
    const calls = result.trace.filter((event): event is ModelCallEvent => event.type === "model_call");
    expect(calls.slice(0, 8).map(({ step, round }) => `${step}${round ?? ""}`)).toEqual(["retrieve", "plan1", "verify1", "plan2", "verify2", "plan3", "verify3", "code1"]);
    expect(calls.slice(8, 13).map(({ step, round, attempt }) => `${step}${round}.${attempt}`)).toEqual(["debug1.1", "debug1.2", "debug1.3", "debug1.4", "debug1.5"]);
    const tests = result.trace.filter((event): event is SampleTestEvent => event.type === "sample_tests");
    expect(tests.slice(0, 5).map(({ step, attempt }) => `${step}${attempt ?? ""}`)).toEqual(["code", "debug1", "debug2", "debug3", "debug4"]);
    expect(result.trace).toContainEqual(expect.objectContaining({ decision: "plan_order", detail: "exemplar 1 (confidence 50), exemplar 2 (confidence 50), exemplar 3 (confidence 50)" }));
  });
});

describe("mapcoder where the authors' MapCoder stops with an exception", () => {
  /** The authors' run fails after `calls` requests; mapcoder made the same ones and went on. */
  async function expectStop(c: DifferentialCase, error: RegExp, calls: number): Promise<Awaited<ReturnType<typeof runCg>>> {
    const [reference, cg] = await Promise.all([runReference(c), runCg(c)]);
    expect(reference.error).toMatch(error);
    expect(reference.calls).toHaveLength(calls);
    expect(cg.calls.slice(0, calls)).toEqual(reference.calls);
    return cg;
  }

  it("reads a retrieval answer with text around its <root> from that root (KeyError 'algorithm' there)", async () => {
    const problem = humanEval[1]!;
    const rest = [...opening().slice(1), codeAnswer("first", "all")];
    const cg = await expectStop(humanEvalCase("mapcoder", problem, [`Here are the problems.\n\`\`\`xml\n${threeRecalled()}\n\`\`\``, ...rest]), /KeyError: 'algorithm'/, 1);
    const { reference } = await expectSameRun(humanEvalCase("mapcoder", problem, [threeRecalled(), ...rest]), withTypingImport);
    expect(cg.calls).toEqual(reference.calls);
  });

  it("rates a plan 0 when its confidence is not an integer (ValueError there)", async () => {
    const problem = humanEval[1]!;
    const answers = (confidence: string) => [...opening([confidence, "60", "40"]), codeAnswer("first", "all")];
    const cg = await expectStop(humanEvalCase("mapcoder", problem, answers("85%")), /ValueError/, 3);
    const { reference } = await expectSameRun(humanEvalCase("mapcoder", problem, answers("0")), withTypingImport);
    expect(cg.calls).toEqual(reference.calls);
    expect(reference.calls[7]!.messages[0]!.content).toContain("plan 2");
  });

  it("shows xCodeEval's samples in the shape evaluate_sample_io builds (KeyError 'sample_io' there: the records have none)", async () => {
    const record = [...xCodeEvalRecords.values()][1]!;
    const answers = [...opening(), codeAnswer("first", "all")];
    const cg = await expectStop(xCodeEvalCase("mapcoder", record, answers), /KeyError: 'sample_io'/, 1);
    const { reference } = await expectSameRun(xCodeEvalCase("mapcoder", withSampleIo(record), answers));
    expect(cg.calls).toEqual(reference.calls);
  });

  it("returns empty code when the retrieval answer is no XML at all (ParseError there): no plan, nothing to code", async () => {
    const problem = humanEval[1]!;
    const cg = await expectStop(humanEvalCase("mapcoder", problem, ["Nothing comes to mind, sorry & goodbye."]), /ParseError/, 1);
    expect(cg.calls).toHaveLength(1);
    expect(cg.code).toBe(withTypingImport(""));
  });

  it("plans from a single recalled problem (TypeError there: the lone dict's keys are iterated)", async () => {
    const problem = humanEval[1]!;
    const single = recollection([{ description: "Reverse a list.", planning: "1. Walk backwards." }], "Two pointers.");
    const cg = await expectStop(humanEvalCase("mapcoder", problem, [single, planAnswer("only"), verdict("50"), codeAnswer("first", "all")]), /TypeError/, 1);
    expect(cg.calls).toHaveLength(1 + 2 + 1);
    expect(cg.calls[1]!.messages[0]!.content).toContain("Walk backwards.");
  });
});
