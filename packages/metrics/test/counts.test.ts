import { describe, expect, it } from "vitest";
import { countSamples, countSamplesAsync, type SampleResult } from "../src/index.js";

const results: SampleResult[] = [
  { taskId: "HumanEval/1", passed: true },
  { taskId: "HumanEval/0", passed: false },
  { taskId: "HumanEval/1", passed: false },
  { taskId: "HumanEval/0", passed: false },
  { taskId: "HumanEval/1", passed: true },
  { taskId: "HumanEval/2", passed: true },
];

const expected = [
  { taskId: "HumanEval/1", n: 3, c: 2 },
  { taskId: "HumanEval/0", n: 2, c: 0 },
  { taskId: "HumanEval/2", n: 1, c: 1 },
];

describe("countSamples", () => {
  it("counts samples and passes per task in order of first appearance", () => {
    expect(countSamples(results)).toEqual(expected);
  });

  it("accepts any iterable", () => {
    function* generate(): Generator<SampleResult> {
      yield* results;
    }
    expect(countSamples(generate())).toEqual(expected);
  });

  it("returns no problems for no results", () => {
    expect(countSamples([])).toEqual([]);
  });
});

describe("countSamplesAsync", () => {
  it("counts results arriving as an async stream", async () => {
    async function* stream(): AsyncGenerator<SampleResult> {
      for (const result of results) {
        await Promise.resolve();
        yield result;
      }
    }
    await expect(countSamplesAsync(stream())).resolves.toEqual(expected);
  });

  it("also accepts a plain array", async () => {
    await expect(countSamplesAsync(results)).resolves.toEqual(expected);
  });
});
