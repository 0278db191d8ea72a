import { describe, expect, it } from "vitest";
import { createDataset, UnknownProblemError } from "../src";

describe("a loaded suite", () => {
  it("judges only the problems it loaded, and says so by name", async () => {
    const humaneval = await createDataset("humaneval").load();
    const mbpp = await createDataset("mbpp").load();
    const foreign = mbpp.problems[0]!;
    expect(() => humaneval.canonical(foreign)).toThrow(UnknownProblemError);
    expect(() => humaneval.canonical(foreign)).toThrow(/^mbpp\/11 is not one of the problems this humaneval suite loaded; score each problem with the suite it came from$/);
    expect(humaneval.canonical(humaneval.problems[0]!)).toMatchObject({ kind: "completion" });
  });

  it("needs nothing but its own load: two loads of a dataset are two complete suites", async () => {
    const dataset = createDataset("mbpp-397");
    const [first, second] = await Promise.all([dataset.load(), dataset.load()]);
    for (const suite of [first, second]) {
      expect(suite.problems).toHaveLength(397);
      expect(suite.normalizeTaskId("mbpp/762")).toBe("mbpp_762_check_monthnumber_number");
    }
  });
});
