import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLanguage, judgeBatch, parseProgramBatch, ProgramBatchError, type BatchProgram, type BatchVerdict, type ExecutionPool } from "../src";
import { createTestPool } from "./pool";

const jsonl = (...lines: unknown[]) => lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n");

describe("parseProgramBatch", () => {
  it("turns each line into a judge request, the batch's defaults under the line's own settings", () => {
    const text = jsonl(
      { id: "sum", language: "c++", source: "s1", stdin: "1 2\n", expected: "3\n", limits: { wallSeconds: 5 } },
      "",
      { language: "python", source: "s2", comparison: { mode: "exact" } },
    );
    const programs = parseProgramBatch(text, "batch.jsonl", { limits: { wallSeconds: 1, memoryBytes: 1 << 28 }, comparison: { mode: "float" } });
    expect(programs).toHaveLength(2);
    expect(programs[0]).toMatchObject({
      line: 1,
      id: "sum",
      request: { source: "s1", tests: [{ input: "1 2\n", expected: "3\n" }], comparison: { mode: "float" }, limits: { wallSeconds: 5, memoryBytes: 1 << 28 } },
    });
    expect(programs[0]!.request.language).toBe(findLanguage("cpp"));
    expect(programs[1]).toMatchObject({ line: 3, request: { tests: [{ input: "" }], comparison: { mode: "exact" } } });
    expect(programs[1]!.id).toBeUndefined();
    expect(programs[1]!.request.tests[0]!.expected).toBeUndefined();
  });

  it("refuses the whole batch, naming every bad line and field", () => {
    const text = jsonl(
      { language: "python", source: "print(1)" },
      '{"language": "python", "source": ',
      { language: "cobol", source: "x" },
      { language: "python" },
      { language: "python", source: "x", limits: { wallSeconds: -1 } },
      { language: "python", source: "x", stdIn: "1" },
    );
    let error: unknown;
    try {
      parseProgramBatch(text, "batch.jsonl");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProgramBatchError);
    const { message, problems } = error as ProgramBatchError;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(message).toMatch(/^5 invalid lines in batch.jsonl, so nothing was run; each line must be a JSON object/);
    expect(message).toMatch(/\nbatch.jsonl:2: not valid JSON/);
    expect(message).toMatch(/\nbatch.jsonl:3: language: unknown language "cobol"; known languages: python, /);
    expect(message).toMatch(/\nbatch.jsonl:4: source: /);
    expect(message).toMatch(/\nbatch.jsonl:5: limits.wallSeconds: /);
    expect(message).toMatch(/\nbatch.jsonl:6: .*stdIn/);
    expect(() => parseProgramBatch("\n\n", "empty.jsonl")).toThrow(/^empty.jsonl holds no programs/);
  });
});

describe("judgeBatch", () => {
  let pool: ExecutionPool;
  beforeAll(async () => {
    pool = await createTestPool();
  });
  afterAll(async () => {
    await pool.close();
  });

  it("hands verdicts over in batch order, whatever order the programs finish in", async () => {
    const programs = parseProgramBatch(
      jsonl(
        { id: "slow", language: "python", source: "import time\ntime.sleep(0.5)\nprint(input())", stdin: "a", expected: "a" },
        { id: "fast", language: "bash", source: "read x; echo $((x * 2))", stdin: "21", expected: "42" },
        { id: "wrong", language: "python", source: "print(2)", expected: "3" },
      ),
      "batch.jsonl",
    );
    const finishOrder: string[] = [];
    const recordingJudge = {
      judge: async (request: BatchProgram["request"]) => {
        const result = await pool.judge(request);
        finishOrder.push(programs.find((p) => p.request === request)!.id!);
        return result;
      },
    };
    const verdicts: BatchVerdict[] = [];
    await judgeBatch(recordingJudge, programs, { concurrency: 4, onVerdict: (verdict) => verdicts.push(verdict) });
    expect(finishOrder.indexOf("fast")).toBeLessThan(finishOrder.indexOf("slow"));
    expect(verdicts.map((v) => [v.line, v.id, v.status])).toEqual([
      [1, "slow", "passed"],
      [2, "fast", "passed"],
      [3, "wrong", "wrong_answer"],
    ]);
    expect(verdicts[2]).toMatchObject({ language: "python", passed: false, failedTest: 0, tests: [{ stdout: "2\n" }] });
  });

  it("gives a program whose toolchain is missing its verdict and goes on", async () => {
    const c = findLanguage("c");
    const absent = { ...c, id: "c-absent", compile: { argv: ["cg-no-such-compiler", "{file}"] } };
    const programs: BatchProgram[] = [
      { line: 1, request: { language: absent, source: "int main(void) { return 0; }", tests: [{ input: "" }] } },
      { line: 2, request: { language: findLanguage("bash"), source: "echo ok", tests: [{ input: "", expected: "ok" }] } },
    ];
    const verdicts: BatchVerdict[] = [];
    await judgeBatch(pool, programs, { concurrency: 2, onVerdict: (verdict) => verdicts.push(verdict) });
    expect(verdicts.map((v) => [v.line, v.status])).toEqual([
      [1, "toolchain_missing"],
      [2, "passed"],
    ]);
    expect(verdicts[0]!.errorMessage).toMatch(/needs cg-no-such-compiler, not installed here; install it with apt-get install gcc/);
  });

  it("stops on an error that is not a verdict and throws it", async () => {
    const closed = await createTestPool({ workers: 1 });
    await closed.close();
    const programs = parseProgramBatch(jsonl({ language: "python", source: "print(1)" }), "batch.jsonl");
    await expect(judgeBatch(closed, programs, { concurrency: 1, onVerdict: () => undefined })).rejects.toThrow(/the executor has been closed/);
  });
});
