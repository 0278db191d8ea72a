import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnknownAutoCodeBenchLanguageError, type AutoCodeBenchOutcome } from "@cg/autocodebench-judge";
import { AUTOCODEBENCH_SYSTEM_PROMPT, AutoCodeBenchDataset } from "../src/autocodebench";
import { MalformedRecordError } from "../src/errors";
import type { Problem, Suite } from "../src/types";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

/** The fixture's languages, as its records name them; each has two problems in ACB-Full. */
const LANGUAGES = [
  "python", "cpp", "java", "javascript", "typescript", "go", "rust", "csharp", "php", "ruby",
  "shell", "kotlin", "scala", "swift", "dart", "elixir", "julia", "perl", "r", "racket",
];
/** Not packaged by Debian, so not installable where the tests run. */
const WITHOUT_TOOLCHAIN = ["swift", "dart", "julia"];

/**
 * A copy of one canonical solution with a wrong result, and how the full tests must reject it:
 * by the tests' own check (an assertion or a printed failure), never by a crash of the copy.
 */
interface Breakage {
  task: string;
  from: string;
  to: string;
  outcome: AutoCodeBenchOutcome;
  /** What the failing check reports, in the verdict's message. */
  report: RegExp;
}

const BREAKAGES: Record<string, Breakage> = {
  python: { task: "python/0", from: "count += 1", to: "count += 2", outcome: "RUNTIME_ERROR", report: /AssertionError/ },
  cpp: { task: "cpp/0", from: "interval.first <= merged.back().second", to: "interval.first < merged.back().second", outcome: "RUNTIME_ERROR", report: /Assertion `mergeIntervals\(\{\{1, 4\}, \{4, 5\}\}\) == expected2' failed/ },
  java: { task: "java/1", from: "return open.isEmpty();", to: "return true;", outcome: "RUNTIME_ERROR", report: /expected: <false> but was: <true>/ },
  javascript: { task: "javascript/1", from: ".replace(/^-+|-+$/g, '')", to: ".replace(/^-+/g, '')", outcome: "WRONG_ANSWER", report: /Test 1 failed: slugify\("Hello, World!"\) returned "hello-world-"/ },
  typescript: { task: "typescript/0", from: "n < largest && n > second", to: "n > second", outcome: "WRONG_ANSWER", report: /Assertion failed: secondLargest\(\[7, 7\]\) should be null/ },
  go: { task: "go/0", from: "steps++", to: "steps += 2", outcome: "RUNTIME_ERROR", report: /CollatzSteps\(6\) = 16, want 8/ },
  rust: { task: "rust/0", from: "sum += n % 10;", to: "sum += n % 9;", outcome: "RUNTIME_ERROR", report: /left == right/ },
  csharp: { task: "csharp/0", from: "/ 2.0", to: "/ 3.0", outcome: "WRONG_ANSWER", report: /median of 4, 1, 3, 2/ },
  php: { task: "php/0", from: "strtolower(preg_replace('/[^a-zA-Z0-9]/', '', $s))", to: "preg_replace('/[^a-zA-Z0-9]/', '', $s)", outcome: "RUNTIME_ERROR", report: /AssertionError: assert\(isPalindromeSentence\('A man, a plan, a canal: Panama'\) === true\)/ },
  ruby: { task: "ruby/0", from: "index.positive?", to: "index >= 0", outcome: "RUNTIME_ERROR", report: /Test failed: expected "The Wind in the Willows", got "the Wind in the Willows"/ },
  shell: { task: "shell/0", from: "[^aeiouAEIOU]", to: "[^aeiou]", outcome: "RUNTIME_ERROR", report: /Test 4 failed: count_vowels "AEIOU aeiou" printed '5', expected '10'/ },
  kotlin: { task: "kotlin/0", from: "result.append(c.toLowerCase())", to: "result.append(c)", outcome: "RUNTIME_ERROR", report: /IllegalStateException: camelToSnake\("userName"\) returned "user_Name"/ },
  scala: { task: "scala/1", from: "(-count, word)", to: "(count, word)", outcome: "RUNTIME_ERROR", report: /assertion failed: topKFrequent/ },
  elixir: { task: "elixir/0", from: "Integer.floor_div(value, width)", to: "div(value, width)", outcome: "RUNTIME_ERROR", report: /Assertion with == failed/ },
  perl: { task: "perl/1", from: "split /=/, $segment, 2", to: "split /=/, $segment", outcome: "RUNTIME_ERROR", report: /Test failed: parse_kv\('eq=a=b=c'\) gave 'eq=a'/ },
  r: { task: "r/0", from: "pmin(pmax(x, lower), upper)", to: "pmax(x, lower)", outcome: "RUNTIME_ERROR", report: /identical\(clamp_vector\(c\(-5, 0, 5, 10\), 0, 6\), c\(0, 0, 5, 6\)\) is not TRUE/ },
  racket: { task: "racket/1", from: "(add1 (cdar runs))", to: "(+ 2 (cdar runs))", outcome: "RUNTIME_ERROR", report: /FAILURE/ },
};

/** JVM compilers start slowly here: a Kotlin or Scala script takes 10-25 s to compile and run. */
const SANDBOX_TEST_MS = 600_000;

let pool: ExecutionPool;
let full: Suite;
let problems: Map<string, Problem>;

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  full = await new AutoCodeBenchDataset("full").load({ dataDir: fixtures });
  problems = new Map(full.problems.map((problem) => [problem.taskId, problem]));
});
afterAll(async () => {
  await pool.close();
});

function problem(taskId: string): Problem {
  const found = problems.get(taskId);
  if (!found) throw new Error(`the fixture has no problem ${taskId}`);
  return found;
}

function solution(code: string) {
  return { kind: "solution" as const, code };
}

describe("AutoCodeBench records", () => {
  it("loads two problems per language with ids, metadata and the benchmark's prompt", () => {
    expect([...problems.keys()]).toEqual(LANGUAGES.flatMap((language) => [`${language}/0`, `${language}/1`]));
    const go = problem("go/1");
    expect(go.language).toBe("go");
    expect(go.metadata).toEqual({ language: "go", difficulty: "medium" });
    expect(go.prompt.startsWith(`${AUTOCODEBENCH_SYSTEM_PROMPT}\n\nWrite a Go function \`GroupAnagrams(words []string) [][]string\``)).toBe(true);
    expect(go.publicTests).toEqual([{ kind: "assert", code: expect.stringContaining("func TestGroupAnagramsDemo(t *testing.T)") }]);
    expect(problem("shell/0").language).toBe("bash");
    expect(problem("csharp/1").language).toBe("csharp");
    expect(new Set([...problems.values()].map((p) => p.metadata?.difficulty))).toEqual(new Set(["easy", "medium"]));
  });

  it("loads ACB-Lite, a subset of the same records", async () => {
    const { problems: lite } = await new AutoCodeBenchDataset("lite").load({ dataDir: fixtures });
    expect(lite).toHaveLength(LANGUAGES.length);
    expect(lite.map((p) => p.metadata?.language)).toEqual(LANGUAGES);
    const prompts = new Set([...problems.values()].map((p) => p.prompt));
    for (const p of lite) expect(prompts.has(p.prompt)).toBe(true);
  });

  it("poses ACB-Complete's 3-shot questions for continuation after a solution marker", async () => {
    const { problems: complete } = await new AutoCodeBenchDataset("complete").load({ dataDir: fixtures });
    expect(complete.map((p) => p.taskId)).toEqual(["python/0", "go/0", "racket/0"]);
    for (const p of complete) {
      expect(p.prompt.startsWith(`${AUTOCODEBENCH_SYSTEM_PROMPT}\n\n`)).toBe(true);
      expect(p.prompt.endsWith("\n\n[Code Solution]\n")).toBe(true);
      expect(p.prompt.match(/\[Programming Problem\]/g)).toHaveLength(4);
    }
  });

  it("names the file and line of a malformed record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-acb-"));
    try {
      const [first] = readFileSync(join(fixtures, "autocodebench", "autocodebench.jsonl"), "utf8").split("\n");
      mkdirSync(join(dir, "autocodebench"));
      writeFileSync(join(dir, "autocodebench", "autocodebench.jsonl"), `${first}\n{"question": "no other fields"}\n`);
      const loading = new AutoCodeBenchDataset("full").load({ dataDir: dir });
      await expect(loading).rejects.toBeInstanceOf(MalformedRecordError);
      await expect(loading).rejects.toThrow(/^autocodebench\.jsonl:2: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a record in a language the sandbox does not run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-acb-"));
    try {
      const record = { question: "q", canonical_solution: "s", demo_test_func: "d", full_test_func: "f", language: "cobol", difficulty: "easy" };
      mkdirSync(join(dir, "autocodebench"));
      writeFileSync(join(dir, "autocodebench", "autocodebench.jsonl"), `${JSON.stringify(record)}\n`);
      const loading = new AutoCodeBenchDataset("full").load({ dataDir: dir });
      await expect(loading).rejects.toBeInstanceOf(UnknownAutoCodeBenchLanguageError);
      await expect(loading).rejects.toThrow(/unknown language "cobol"; this sandbox runs: python, /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("AutoCodeBench scoring in the sandbox", () => {
  for (const language of LANGUAGES.filter((name) => !WITHOUT_TOOLCHAIN.includes(name))) {
    it.concurrent(
      `${language}: the canonical solutions pass and a wrong copy fails the full tests`,
      async () => {
        for (const taskId of [`${language}/0`, `${language}/1`]) {
          const verdict = await full.score(problem(taskId), full.canonical(problem(taskId))!, pool);
          expect(verdict, `${taskId}: ${verdict.errorMessage ?? ""}`).toMatchObject({ passed: true, status: "passed" });
        }

        const breakage = BREAKAGES[language]!;
        const canonical = full.canonical(problem(breakage.task))!.code;
        expect(canonical).toContain(breakage.from);
        const verdict = await full.score(problem(breakage.task), solution(canonical.replace(breakage.from, breakage.to)), pool);
        expect(verdict).toMatchObject({ passed: false, errorType: breakage.outcome });
        expect(verdict.errorMessage).toMatch(/^full tests: /);
        expect(verdict.errorMessage).toMatch(breakage.report);
      },
      SANDBOX_TEST_MS,
    );
  }

  for (const language of WITHOUT_TOOLCHAIN) {
    it.concurrent(`${language}: problems are marked toolchain_missing`, async () => {
      const taskId = `${language}/0`;
      const verdict = await full.score(problem(taskId), full.canonical(problem(taskId))!, pool);
      expect(verdict).toMatchObject({ passed: false, status: "toolchain_missing", errorType: "INTERNAL_ERROR" });
      expect(verdict.errorMessage).toMatch(/not installed here/);
    });
  }

  it.concurrent(
    "a solution that does not compile is a COMPILATION_ERROR in Java, C++, Rust and Go",
    async () => {
      const cases = [
        ["java/1", "return open.isEmpty();", "return open.size();", /incompatible types/],
        ["cpp/1", "return result;", "return result", /expected .;. before/],
        ["rust/0", "    n\n}", "    n as i32\n}", /mismatched types/],
        ["go/1", "return groups\n", "return groups, nil\n", /too many return values/],
      ] as const;
      for (const [taskId, from, to, diagnostic] of cases) {
        const canonical = full.canonical(problem(taskId))!.code;
        expect(canonical).toContain(from);
        const verdict = await full.score(problem(taskId), solution(canonical.replace(from, to)), pool);
        expect(verdict, taskId).toMatchObject({ passed: false, status: "compile_error", errorType: "COMPILATION_ERROR" });
        expect(verdict.errorMessage).toMatch(diagnostic);
      }
    },
    SANDBOX_TEST_MS,
  );

  it.concurrent("a solution that never finishes is a TIME_LIMIT_EXCEEDED", async () => {
    const looping = "def compress_runs(s: str) -> str:\n    while True:\n        pass\n";
    const verdict = await full.score(problem("python/0"), solution(looping), pool, { timeoutSeconds: 1 });
    expect(verdict).toMatchObject({ passed: false, status: "timeout", errorType: "TIME_LIMIT_EXCEEDED" });
  });

  it.concurrent("a PHP program without a lone opening tag is a SYNTAX_ERROR, before anything runs", async () => {
    const oneLine = "<?php function isPalindromeSentence(string $s): bool { return true; } ?>";
    const verdict = await full.score(problem("php/0"), solution(oneLine), pool);
    expect(verdict).toMatchObject({ passed: false, errorType: "SYNTAX_ERROR" });
  });

  it.concurrent(
    "C++ solutions may carry their own main, and Elixir answers without a module go into the reference's",
    async () => {
      const withMain = `${full.canonical(problem("cpp/1"))!.code}\n\nint main() {\n    return 1;\n}\n`;
      expect(await full.score(problem("cpp/1"), solution(withMain), pool)).toMatchObject({ passed: true });

      const bare = "def gcd_list([first | rest]) do\n  Enum.reduce(rest, abs(first), fn x, acc -> Integer.gcd(acc, x) end)\nend";
      expect(await full.score(problem("elixir/1"), solution(bare), pool)).toMatchObject({ passed: true });
    },
    SANDBOX_TEST_MS,
  );

  it.concurrent("runPublicTests runs the demo tests only", async () => {
    const p = problem("python/0");
    // Passes the demo tests ("aaabcc", "") but not the full tests, which have single characters.
    const demoOnly = 'def compress_runs(s: str) -> str:\n    return {"aaabcc": "a3b1c2"}.get(s, "")\n';
    const report = await full.runPublicTests(p, solution(demoOnly), pool);
    expect(report).toMatchObject({ passed: true, log: "The demo tests passed." });
    expect(report.results).toEqual([expect.objectContaining({ passed: true, status: "passed", test: p.publicTests[0] })]);
    expect(await full.score(p, solution(demoOnly), pool)).toMatchObject({ passed: false, errorType: "RUNTIME_ERROR" });

    const failing = await full.runPublicTests(p, solution("def compress_runs(s: str) -> str:\n    return s\n"), pool);
    expect(failing.passed).toBe(false);
    expect(failing.log).toMatch(/^The demo tests failed: RUNTIME_ERROR: .*AssertionError/s);
  });
});
