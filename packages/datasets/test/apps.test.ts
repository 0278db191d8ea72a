import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppsDataset } from "../src/apps";
import { appsOutputMatches } from "../src/apps-output";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe("APPS output comparison (testing_util's fallbacks)", () => {
  it("accepts what the reference accepts", () => {
    expect(appsOutputMatches("2 4 1 3\n", "2 4 1 3 \n")).toBe(true); // stripped string
    expect(appsOutputMatches("  3\n\n12  \n", "3\n12\n")).toBe(true); // stripped lines
    expect(appsOutputMatches("0.3333333\n", "0.33333334\n")).toBe(true); // numpy.allclose
    expect(appsOutputMatches("9 3\n2 4\n", "4 2\n3 9\n")).toBe(true); // sets of token sets
    expect(appsOutputMatches("1.0001\n", "1.0\n")).toBe(true); // numbers rounded to 3 places
    expect(appsOutputMatches("1.01\n", "1.0\n")).toBe(false);
    expect(appsOutputMatches("3\n", "4\n")).toBe(false);
    expect(appsOutputMatches("1 2\n", "1 2\n3\n")).toBe(false);
  });
});

describe("APPS 150-problem subset", () => {
  const dataset = new AppsDataset("selected150");

  it("loads the 150 problems with their difficulty and format", async () => {
    const { problems } = await dataset.load();
    expect(problems).toHaveLength(150);
    const qaq = problems.find((p) => p.taskId === "APPS/1607")!;
    expect(qaq.metadata).toEqual({ difficulty: "interview", format: "standard input" });
    expect(qaq.prompt).toMatch(/^\nQUESTION:\n"QAQ" is a word/);
    expect(qaq.prompt.endsWith("\nUse Standard Input format\n\nANSWER:\n")).toBe(true);
    expect(qaq.publicTests[0]).toEqual({ kind: "io", input: "QAQAQYSYIOIWIN\n", output: "4\n" });
    const dropCap = problems.find((p) => p.taskId === "APPS/4724")!;
    expect(dropCap.entryPoint).toBe("drop_cap");
    expect(dropCap.metadata.format).toBe("call-based");
  });

  it("passes correct programs and stops at the first wrong test", async () => {
    const suite = await dataset.load();
    const { problems } = suite;
    const qaq = problems.find((p) => p.taskId === "APPS/1607")!;
    const countQaq = "s = input()\nn = 0\nfor i in range(len(s)):\n  for j in range(i, len(s)):\n    for k in range(j, len(s)):\n      n += s[i] + s[j] + s[k] == 'QAQ'\nprint(n)\n";
    expect(await suite.score(qaq, { kind: "solution", code: countQaq }, pool)).toMatchObject({ passed: true, status: "passed" });
    const countQ = "print(input().count('Q'))\n";
    const wrong = await suite.score(qaq, { kind: "solution", code: countQ }, pool);
    expect(wrong).toMatchObject({ passed: false, status: "wrong_answer", failedTest: 0 });
    expect(wrong.errorMessage).toContain('expected "4\\n", got "3\\n"');

    const dropCap = problems.find((p) => p.taskId === "APPS/4724")!;
    const capitalize = "def drop_cap(s):\n    return ' '.join(w.capitalize() if len(w) > 2 else w for w in s.split(' '))\n";
    expect(await suite.score(dropCap, { kind: "solution", code: capitalize }, pool)).toMatchObject({ passed: true });
    const title = "def drop_cap(s):\n    return s.title()\n";
    expect(await suite.score(dropCap, { kind: "solution", code: title }, pool)).toMatchObject({ passed: false, status: "wrong_answer" });
  });

  it("runs only the sample tests as public tests", async () => {
    const suite = await dataset.load();
    const { problems } = suite;
    const qaq = problems.find((p) => p.taskId === "APPS/1607")!;
    const report = await suite.runPublicTests(qaq, { kind: "solution", code: "print(4)\n" }, pool);
    expect(report.results.map((r) => r.status)).toEqual(["passed", "wrong_answer"]);
    expect(report.log).toContain("Input:\nQAQQQZZYNOIWIN\n");
  });
});

describe("APPS test split format", () => {
  const dataset = new AppsDataset("test");

  it("scores the published solutions as passed and skips problems without tests", async () => {
    const suite = await dataset.load({ dataDir: fixtures });
    const { problems } = suite;
    expect(problems.map((p) => p.taskId)).toEqual(["APPS/4001", "APPS/4002", "APPS/4003"]);
    for (const problem of problems) {
      expect(await suite.score(problem, suite.canonical(problem)!, pool), problem.taskId).toMatchObject({ passed: true });
    }
  });

  it("fails wrong answers, crashes and timeouts for the right reason", async () => {
    const suite = await dataset.load({ dataDir: fixtures });
    const [sum, minMax, count] = suite.problems;
    const sumOnly = "a, b = map(int, input().split())\nprint(a + b)\n";
    expect(await suite.score(sum!, { kind: "solution", code: sumOnly }, pool)).toMatchObject({ status: "wrong_answer", failedTest: 0 });
    const swapped = { kind: "completion" as const, code: "return (max(xs), min(xs))\n" };
    const verdict = await suite.score(minMax!, swapped, pool);
    expect(verdict).toMatchObject({ status: "wrong_answer", failedTest: 0 });
    expect(verdict.errorMessage).toContain("expected [[1, 3]], got [3, 1]");
    const crash = "class Solution:\n    def count(self, xs):\n        return xs[10]\n";
    expect(await suite.score(count!, { kind: "solution", code: crash }, pool)).toMatchObject({ status: "runtime_error", errorType: "IndexError" });
    const loop = "while True:\n    pass\n";
    expect(await suite.score(sum!, { kind: "solution", code: loop }, pool, { timeoutSeconds: 1 })).toMatchObject({ status: "timeout" });
  });
});
