import { describe, expect, it } from "vitest";
import { execEvalAccepts } from "../src/execeval-output";

describe("execEvalAccepts (ExecEval's output check)", () => {
  it.each([
    ["same tokens, other spacing and line breaks", "1 2\n3\n", "1  2 3"],
    ["trailing whitespace", "YES\n\n", "YES"],
    ["numbers written differently", "1.0 2.50 -0", "1 2.5 0"],
    ["numbers within 1e-12", "0.3333333333333", "0.333333333333333333"],
    ["exponent notation", "1e3 2.5E-1", "1000 0.25"],
    ["yes and no in any case", "Yes NO true FALSE", "YES no TRUE false"],
    ["NaN against any number, as a float comparison with NaN never exceeds the tolerance", "nan", "42"],
    ["infinity against itself", "inf -Infinity", "inf -inf"],
  ])("accepts %s", (_name, stdout, expected) => {
    expect(execEvalAccepts(stdout, expected)).toBe(true);
  });

  it.each([
    ["a number off by more than 1e-12", "0.333333333", "0.333333333333"],
    ["large integers differing in the last digit", "100000000000000000000000001", "100000000000000000000000000"],
    ["a missing token", "1 2", "1 2 3"],
    ["an extra token", "1 2 3 4", "1 2 3"],
    ["other words in another case", "Possible", "POSSIBLE"],
    ["a word against a number", "one", "1"],
    ["infinities of opposite signs", "inf", "-inf"],
    ["infinity against a number", "inf", "1e308"],
  ])("rejects %s", (_name, stdout, expected) => {
    expect(execEvalAccepts(stdout, expected)).toBe(false);
  });

  it("compares numbers of absurd scale as doubles rather than as exact integers", () => {
    expect(execEvalAccepts("1e999999999", "2")).toBe(false);
    expect(execEvalAccepts("1e-999999999", "0")).toBe(true);
  });
});
