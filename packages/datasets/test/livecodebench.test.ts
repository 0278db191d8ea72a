import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatasetOptionsError } from "../src/errors";
import { LiveCodeBenchDataset, decodePrivateTests } from "../src/livecodebench";
import { canonicalDecimal, lcbOutputMatches } from "../src/lcb-output";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe("LiveCodeBench output comparison", () => {
  it("compares stripped lines, then lines of decimals", () => {
    expect(lcbOutputMatches("14\n2.5\n", "14\n2.50\n")).toBe(true);
    expect(lcbOutputMatches("  3  \n", "3")).toBe(true);
    expect(lcbOutputMatches("1 2\n", "1\n2\n")).toBe(false); // line counts differ
    expect(lcbOutputMatches("0.3333333\n", "0.33333334\n")).toBe(false); // no tolerance
    expect(lcbOutputMatches("nan\n", "nan\n")).toBe(true); // equal as text before numbers
    expect(lcbOutputMatches("nan 1\n", "nan  1\n")).toBe(false); // Decimal NaN never equals
    expect(canonicalDecimal("15e-1")).toBe(canonicalDecimal("1.500"));
    expect(canonicalDecimal("-0.0")).toBe("0");
  });
});

describe("LiveCodeBench", () => {
  it("decodes private tests stored as base64 of zlib of a pickled string", () => {
    // Python 3's pickle.dumps("[]") with protocol 4: PROTO, FRAME, SHORT_BINUNICODE, MEMOIZE, STOP.
    const pickled = Buffer.from("80049506000000000000008c025b5d942e", "hex");
    expect(decodePrivateTests(deflateSync(pickled).toString("base64"), "f", 1)).toBe("[]");
    expect(() => decodePrivateTests(deflateSync(Buffer.from("80044b012e", "hex")).toString("base64"), "f", 3)).toThrow(/f:3: .*opcode 0x4b/);
  });

  it("selects releases and contest-date windows", async () => {
    const { problems: v1 } = await new LiveCodeBenchDataset({ release: "v1" }).load({ dataDir: fixtures });
    expect(v1.map((p) => p.taskId)).toEqual(["abc900_a", "9001"]);
    const { problems: v2 } = await new LiveCodeBenchDataset({ release: "v2" }).load({ dataDir: fixtures });
    expect(v2.map((p) => p.taskId)).toEqual(["abc900_a", "9001", "1900A"]);
    const { problems: window } = await new LiveCodeBenchDataset({ release: "v2", since: "2024-01-01", until: "2024-06-01" }).load({ dataDir: fixtures });
    expect(window.map((p) => p.taskId)).toEqual(["9001"]);
    expect(window[0]!.metadata).toMatchObject({ platform: "leetcode", difficulty: "medium", contest_date: "2024-03-02T00:00:00" });
    expect(window[0]!.prompt).toContain("### Format: You will use the following starter code");
  });

  it("keeps a contest on the since day and drops one on the until day, in any time zone", async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["UTC", "Asia/Tokyo", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        const load = async (window: { since?: string; until?: string }) =>
          (await new LiveCodeBenchDataset({ release: "v2", ...window }).load({ dataDir: fixtures })).problems.map((p) => p.taskId);
        // Contests: abc900_a 2023-08-12, 9001 2024-03-02, 1900A 2024-11-20, all at midnight.
        expect(await load({ since: "2024-03-02" }), tz).toEqual(["9001", "1900A"]);
        expect(await load({ until: "2024-03-02" }), tz).toEqual(["abc900_a"]);
        expect(await load({ since: "2023-08-13", until: "2024-11-20" }), tz).toEqual(["9001"]);
        expect(await load({ since: "2025-01-01" }), tz).toEqual([]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("refuses a window that is not two days in order", () => {
    expect(() => new LiveCodeBenchDataset({ since: "2024-13-01" })).toThrow(DatasetOptionsError);
    expect(() => new LiveCodeBenchDataset({ since: "2024-02-30" })).toThrow(/since: must be a day written YYYY-MM-DD/);
    expect(() => new LiveCodeBenchDataset({ until: "01/06/2024" })).toThrow(/until: must be a day written YYYY-MM-DD, e.g. 2024-08-01/);
    expect(() => new LiveCodeBenchDataset({ since: "2024-06-01", until: "2024-06-01" })).toThrow(/the contest-date window is empty: since must be a day before until/);
  });

  it("scores stdin programs on public then private tests with the decimal fallback", async () => {
    const suite = await new LiveCodeBenchDataset({ release: "v1" }).load({ dataDir: fixtures });
    const [stdin] = suite.problems;
    const correct = "a, b = map(int, input().split())\nprint(a + b)\nprint(a / b)\n";
    expect(await suite.score(stdin!, { kind: "solution", code: correct }, pool)).toMatchObject({ passed: true });
    // Right on the public example, integer division on larger quotients: the first private test fails.
    const floorDivision = "a, b = map(int, input().split())\nprint(a + b)\nprint(a / b if a < b else a // b)\n";
    const verdict = await suite.score(stdin!, { kind: "solution", code: floorDivision }, pool);
    expect(verdict).toMatchObject({ passed: false, status: "wrong_answer", failedTest: 1 });
    const report = await suite.runPublicTests(stdin!, { kind: "solution", code: floorDivision }, pool);
    expect(report.passed).toBe(true);
  });

  it("scores functional problems by calling Solution's method with JSON arguments", async () => {
    const suite = await new LiveCodeBenchDataset({ release: "v1" }).load({ dataDir: fixtures });
    const [, functional] = suite.problems;
    const completion = "seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return (seen[target - x], i)\n            seen[x] = i\n";
    expect(await suite.score(functional!, { kind: "completion", code: completion }, pool)).toMatchObject({ passed: true });
    const firstTwo = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n";
    const verdict = await suite.score(functional!, { kind: "solution", code: firstTwo }, pool);
    expect(verdict).toMatchObject({ passed: false, status: "wrong_answer", failedTest: 1 });
    expect(verdict.errorMessage).toContain("expected [1, 2], got [0, 1]");
  });
});
