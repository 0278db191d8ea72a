import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HUMANEVAL_STOP, MbppDataset, readDataText } from "../src";
import { HumanEvalPlusDataset, MbppPlusDataset } from "../src/evalplus";
import { HumanEvalDataset } from "../src/humaneval";
import { MBPP_FILE } from "../src/mbpp";
import { MultiplEDataset } from "../src/multipl-e";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

/** The continuation cut before its first stop sequence, as a server honouring `stop` returns it. */
function cut(text: string, stop: readonly string[]): string {
  const ends = stop.map((sequence) => text.indexOf(sequence)).filter((index) => index !== -1);
  return ends.length === 0 ? text : text.slice(0, Math.min(...ends));
}

describe("prompts for base models", () => {
  it("continues a HumanEval prompt as it is, up to the bigcode harness's stop sequences, and scores prompt + continuation", async () => {
    expect(HUMANEVAL_STOP).toEqual(["\nclass", "\ndef", "\n#", "\n@", "\nprint", "\nif", "\n```", "<file_sep>"]);
    const suite = await new HumanEvalDataset().load();
    const [first] = suite.problems;
    const prompt = first!.completionPrompt!;
    expect(prompt).toEqual({ text: first!.prompt, stop: HUMANEVAL_STOP, candidateKind: "completion" });
    // A base model writes the body, then goes on with a test of its own, which the stop sequences cut off.
    const body = suite.canonical(first!)!.code;
    const continuation = cut(`${body}\n\ndef test():\n    assert has_close_elements([1.0], 0.5) is False\n`, prompt.stop);
    expect(continuation).toBe(`${body}\n`);
    expect(await suite.score(first!, { kind: prompt.candidateKind, code: continuation }, pool)).toMatchObject({ passed: true });

    const [plus] = (await new HumanEvalPlusDataset().load()).problems;
    expect(plus!.completionPrompt).toEqual({ text: plus!.prompt, stop: HUMANEVAL_STOP, candidateKind: "completion" });
  });

  it("builds MBPP's three-shot prompt from tasks 2, 3 and 4 of the dataset, ending at [DONE], and scores the continuation as the program", async () => {
    const suite = await new MbppDataset({ split: "test" }).load();
    const { problems } = suite;
    const problem = problems[0]!;
    const prompt = problem.completionPrompt!;
    expect(prompt.stop).toEqual(["[DONE]"]);
    expect(prompt.candidateKind).toBe("solution");

    const records = (await readDataText(MBPP_FILE))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { task_id: number; text: string; code: string; test_list: string[] });
    const examples = [2, 3, 4].map((id) => records.find((record) => record.task_id === id)!);
    const parts = prompt.text.split("\n[DONE]\n\n");
    expect(parts).toHaveLength(4);
    examples.forEach((example, index) => {
      expect(parts[index]).toBe(
        `You are an expert Python programmer, and here is your task: ${example.text} Your code should pass these tests:\n\n${example.test_list.join("\n")}\n[BEGIN]\n${example.code}`,
      );
    });
    expect(parts[3]).toBe(`${problem.prompt}[BEGIN]\n`);
    expect(problem.prompt.startsWith("You are an expert Python programmer, and here is your task: ")).toBe(true);

    const code = suite.canonical(problem)!.code;
    const continuation = cut(`${code}\n[DONE]\n\nYou are an expert Python programmer`, prompt.stop);
    expect(await suite.score(problem, { kind: prompt.candidateKind, code: continuation }, pool)).toMatchObject({ passed: true });
    // Every problem of the split has the same three examples.
    expect(new Set(problems.map((p) => p.completionPrompt!.text.slice(0, parts.slice(0, 3).join("\n[DONE]\n\n").length))).size).toBe(1);
  });

  it("stops a MultiPL-E continuation at the record's own stop tokens and the file separator", async () => {
    const [problem] = (await new MultiplEDataset("humaneval", "cpp").load({ dataDir: fixtures })).problems;
    expect(problem!.completionPrompt).toEqual({ text: problem!.prompt, stop: ["\n}", "<file_sep>"], candidateKind: "completion" });
  });

  it("has none where the reference harness has no protocol for base models", async () => {
    const plus = (await new MbppPlusDataset().load()).problems;
    expect(plus[0]!.completionPrompt).toBeUndefined();
  });
});
