import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partWallSeconds, testTimeLimits } from "../src/evalplus-harness";
import { rawJsonMembers } from "../src/raw-json";

const harness = readFileSync(fileURLToPath(new URL("../python/evalplus_harness.py", import.meta.url)), "utf8");
let pool: ExecutionPool;

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

/**
 * numpy.allclose(a, b, rtol=1e-07, atol) as numpy 2.4 answers it; "raises" cases count as
 * failures in EvalPlus, which treats any exception as a failed test.
 */
const NUMPY_ALLCLOSE: Array<[string, string, number, boolean | "raises"]> = [
  ["1.0", "1.0000005", 1e-6, true],
  ["1.0", "1.000002", 1e-6, false],
  ["[1.0, 2.0]", "[1.0, 2.0000001]", 1e-6, true],
  ["[1.0, 2.0]", "[1.0, 2.1]", 1e-6, false],
  ["float('inf')", "float('inf')", 1e-6, true],
  ["float('inf')", "float('-inf')", 1e-6, false],
  ["float('nan')", "float('nan')", 1e-6, false],
  ["[[1.0], [2.0]]", "[[1.0, 1.0], [2.0, 2.0]]", 1e-6, true],
  ["[[1.0, 2.0], [3.0]]", "[[1.0, 2.0], [3.0]]", 1e-6, "raises"],
  ["1e9", "1e9 + 50", 1e-6, true],
  ["1e9", "1e9 + 500", 1e-6, false],
  ["[True, 2]", "[1.0, 2.0]", 1e-6, true],
  ["complex(1, 1)", "complex(1, 1.0000001)", 1e-6, true],
  ["[1.0, 2.0]", "[1.0, 2.0, 3.0]", 1e-6, "raises"],
  ["['a']", "['a']", 1e-6, "raises"],
  ["[]", "[]", 1e-6, true],
  ["[[1.0, 2.0]]", "[1.0, 2.0]", 1e-6, true],
];

describe("the EvalPlus harness", () => {
  it("compares numbers as numpy.allclose does", async () => {
    const cases = NUMPY_ALLCLOSE.map(([a, b, atol, expected]) => `(${a}, ${b}, ${atol}, ${expected === true ? "True" : "False"}, ${JSON.stringify(`${a} vs ${b}`)})`);
    const source = [
      harness,
      `wrong = [label for a, b, atol, expected, label in [${cases.join(", ")}] if _cg_allclose(a, b, atol) != expected]`,
      "assert not wrong, wrong",
    ].join("\n");
    const result = await pool.execute({ language: "python", source });
    expect(result.errorMessage ?? "").toBe("");
    expect(result.passed).toBe(true);
  });

  it("gives each test max(minimum, 4 × the reference's time) and a part the sum, capped at 60 s, plus 2 s", () => {
    expect(testTimeLimits([0.001, 0.5, 2], 1)).toEqual([1, 2, 8]);
    expect(testTimeLimits([0.001], 3)).toEqual([3]);
    expect(partWallSeconds([1, 2, 8])).toBe(13);
    expect(partWallSeconds(Array.from({ length: 100 }, () => 1))).toBe(62);
    expect(partWallSeconds([])).toBe(2);
  });

  it("stops a test at its limit, inside the program", async () => {
    const source = [
      "import time",
      "def slow(x):",
      "    time.sleep(x)",
      "    return x",
      harness,
      `_cg_check("slow", "humaneval", "base", "", "[[0.01], [5]]", [_cg_encode(0.01), _cg_encode(5)], [1, 1], 0)`,
    ].join("\n");
    const result = await pool.execute({ language: "python", source, limits: { wallSeconds: 4 } });
    expect(result).toMatchObject({ status: "runtime_error", errorType: "_cg_TimeLimitExceeded" });
    expect(result.errorMessage).toBe("base test 2 of 2: slow(5) took longer than 1.00 s");
    expect(result.wallMs).toBeLessThan(3000);
  });
});

describe("reading EvalPlus records", () => {
  it("keeps members as written, including what JavaScript cannot represent", () => {
    const line = '{"task_id": "Mbpp/404", "inputs": [[Infinity, -Infinity], [12345678901234567890, NaN]], "nested": {"a": [1, "]"]}, "s": "q\\"}"}';
    const members = rawJsonMembers(line);
    expect([...members.keys()]).toEqual(["task_id", "inputs", "nested", "s"]);
    expect(members.get("inputs")).toBe("[[Infinity, -Infinity], [12345678901234567890, NaN]]");
    expect(members.get("nested")).toBe('{"a": [1, "]"]}');
    expect(JSON.parse(members.get("s")!)).toBe('q"}');
  });

  it("says where a record stops making sense", () => {
    expect(() => rawJsonMembers('{"a": [1, 2}')).toThrow(/expected "," or "\]" at character 12/);
    expect(() => rawJsonMembers('{"a": 1} extra')).toThrow(/unexpected text after the object/);
  });
});
