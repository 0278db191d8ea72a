import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pythonStr } from "../src/python-str.js";
import { pythonStrip } from "../src/reference-problem.js";

// Python itself is the oracle: each value is rendered by str() in python3 and here.
const VALUES: unknown[] = [
  "plain",
  ["1 2\n", "3\n"],
  ["it's", 'say "hi"', "both ' and \"", "tab\tand\\slash"],
  ["\u0001\u007f\u00a0é\u2028中文😀"],
  [1, 2.5, -0.25, 1e21, 3.0e-7, true, false, null],
  { a: [1, "b"], "c'd": null },
  [],
  [[]],
];

describe("pythonStr", () => {
  it("renders values as Python's str() does", () => {
    const script = "import json,sys\nfor line in sys.stdin:\n    print(json.dumps(str(json.loads(line))))";
    const input = VALUES.map((value) => JSON.stringify(value)).join("\n");
    const expected = execFileSync("python3", ["-c", script], { input, encoding: "utf8" }).trim().split("\n").map((line) => JSON.parse(line) as string);
    expect(VALUES.map(pythonStr)).toEqual(expected);
  });

  it("strips what Python's str.strip() strips", () => {
    const texts = ["  a b \n", "\u001c\u0085x\u00a0", "\ufeffy\ufeff", "\u3000z\u2029"];
    const script = "import json,sys\nfor line in sys.stdin:\n    print(json.dumps(json.loads(line).strip()))";
    const expected = execFileSync("python3", ["-c", script], { input: texts.map((t) => JSON.stringify(t)).join("\n"), encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string);
    expect(texts.map(pythonStrip)).toEqual(expected);
  });
});
