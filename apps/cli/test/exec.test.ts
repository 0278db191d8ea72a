import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cg-exec-"));
});

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** Each language's a + b, a - b (wrong), a program that does not build or crashes, and one that never ends. */
const PROGRAMS = {
  python: {
    sum: "a, b = map(int, input().split())\nprint(a + b)\n",
    difference: "a, b = map(int, input().split())\nprint(a - b)\n",
    broken: "print(1 +)\n",
    endless: "while True:\n    pass\n",
  },
  cpp: {
    sum: "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n",
    difference: "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a - b << '\\n'; }\n",
    broken: "int main() { return x; }\n",
    endless: "int main() { volatile long x = 0; for (;;) x++; }\n",
  },
  java: {
    sum: "import java.util.*;\npublic class Main { public static void main(String[] a) { Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }\n",
    difference: "import java.util.*;\npublic class Main { public static void main(String[] a) { Scanner s = new Scanner(System.in); System.out.println(s.nextLong() - s.nextLong()); } }\n",
    broken: "public class Main { public static void main(String[] a) { int x = } }\n",
    endless: "public class Main { public static void main(String[] a) { long x = 0; while (true) x++; } }\n",
  },
} as const;

const EXTENSION = { python: "py", cpp: "cpp", java: "java" } as const;

describe("cg exec, one program", () => {
  const input = () => file("input.txt", "2 3\n");
  const expected = () => file("expected.txt", "5\n");

  for (const language of ["python", "cpp", "java"] as const) {
    const programs = PROGRAMS[language];
    const cases = [
      { name: "right answer", source: programs.sum, status: "passed", exit: 0 },
      { name: "wrong answer", source: programs.difference, status: "wrong_answer", exit: 1 },
      // Python has no compile step: its syntax error ends the run.
      { name: "build error", source: programs.broken, status: language === "python" ? "runtime_error" : "compile_error", exit: 1 },
      { name: "endless loop", source: programs.endless, status: "timeout", exit: 1 },
    ];
    for (const { name, source, status, exit } of cases) {
      it(`${language}: ${name} is ${status}, exit ${exit}`, async () => {
        const program = file(`${language}-${name.replace(" ", "-")}.${EXTENSION[language]}`, source);
        const run = await runCli(["exec", "--language", language, program, "--stdin", input(), "--expected", expected(), "--time-limit", "2", "--json"]);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(exit);
        const verdict = JSON.parse(run.stdout) as { status: string; passed: boolean; language: string; errorMessage?: string };
        expect(verdict).toMatchObject({ status, passed: status === "passed", language });
        if (status === "timeout") expect(verdict.errorMessage).toMatch(/time limit exceeded/);
        if (status === "wrong_answer") expect(verdict.errorMessage).toMatch(/token 1 differs: expected '5', got '-1'/);
      });
    }
  }

  it("prints the JudgeResult of @cg/executor with --json", async () => {
    const program = file("shape.cpp", PROGRAMS.cpp.sum);
    const run = await runCli(["exec", "--language", "c++", program, "--stdin", input(), "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const verdict = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(verdict).sort()).toEqual(["compile", "language", "passed", "status", "tests"]);
    expect(verdict).toMatchObject({ status: "passed", passed: true, language: "cpp", compile: { status: "passed", exitCode: 0 } });
    const [test] = verdict.tests as Array<Record<string, unknown>>;
    expect(Object.keys(test!).sort()).toEqual(
      ["cpuMs", "exitCode", "index", "maxRssKb", "signal", "status", "stderr", "stderrTruncated", "stdout", "stdoutTruncated", "wallMs"].sort(),
    );
    expect(test).toMatchObject({ index: 0, status: "passed", exitCode: 0, signal: null, stdout: "5\n", stderr: "" });
    expect(test!.wallMs).toBeGreaterThan(0);
  });

  it("prints a short verdict for people by default", async () => {
    const passed = await runCli(["exec", "--language", "python", file("shout.py", "import sys\nprint(input().upper())\nprint('note', file=sys.stderr)\n"), "--stdin", file("word.txt", "hello\n")]);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/^status {5}passed\nlanguage {3}python\nrun {8}exit code 0, \d+ ms wall, \d+ ms cpu, [\d.]+ MiB peak memory\nstdout {5}HELLO\nstderr {5}note\n$/);

    const broken = await runCli(["exec", "--language", "cpp", file("broken.cpp", PROGRAMS.cpp.broken)]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^status {5}compile_error\nreason {5}compile error: main.cpp:1:\d+: error: .x. was not declared/);
    expect(broken.stdout).toMatch(/\ncompile {4}exit code 1, /);
    expect(broken.stdout).toMatch(/\nstderr {5}main.cpp: In function/);
  });

  it("reads the program, or its input, from standard input for -", async () => {
    const program = await runCli(["exec", "--language", "python", "-", "--stdin", input(), "--expected", expected()], {}, PROGRAMS.python.sum);
    expect(program.code).toBe(0);
    expect(program.stdout).toMatch(/^status {5}passed/);
    const stdin = await runCli(["exec", "--language", "bash", file("double.sh", "read x\necho $((x * 2))\n"), "--stdin", "-", "--json"], {}, "21\n");
    expect(stdin.code).toBe(0);
    expect(JSON.parse(stdin.stdout).tests[0].stdout).toBe("42\n");
  });

  it("applies the comparison and limit flags", async () => {
    const program = file("third.py", "print(1 / 3)\n");
    const close = file("third.txt", "0.3333334\n");
    expect((await runCli(["exec", "--language", "python", program, "--expected", close])).code).toBe(1);
    expect((await runCli(["exec", "--language", "python", program, "--expected", close, "--comparison", "float"])).code).toBe(0);
    const spacing = file("spacing.txt", "0.3333333333333333  \n\n");
    expect((await runCli(["exec", "--language", "python", program, "--expected", spacing])).code).toBe(0);
    expect((await runCli(["exec", "--language", "python", program, "--expected", spacing, "--comparison", "exact"])).code).toBe(1);

    const hungry = file("hungry.py", "x = bytearray(512 * 1024 * 1024)\nprint(len(x))\n");
    const starved = await runCli(["exec", "--language", "python", hungry, "--memory-limit", "128", "--json"]);
    expect(JSON.parse(starved.stdout).status).toBe("memory_limit");
    const chatty = file("chatty.py", "import sys\nsys.stdout.write('x' * (3 * 1024 * 1024))\n");
    const flooded = await runCli(["exec", "--language", "python", chatty, "--output-limit", "1", "--json"]);
    expect(JSON.parse(flooded.stdout).status).toBe("output_limit");
  });

  it("runs in the weaker process sandbox when asked, with a warning", async () => {
    const run = await runCli(["exec", "--language", "python", file("plain.py", "print(2 + 3)\n"), "--expected", expected(), "--sandbox", "process"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: the process sandbox applies resource limits and a scrubbed environment only/);
  });
});

interface BatchVerdictLine {
  line: number;
  id?: string;
  status: string;
  passed: boolean;
  language: string;
  tests: Array<{ stdout: string }>;
}

function readVerdicts(text: string): BatchVerdictLine[] {
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as BatchVerdictLine);
}

const jsonl = (...lines: unknown[]) => lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n";

describe("cg exec --batch", () => {
  it("judges programs of mixed languages in parallel, writing one verdict per line in input order", async () => {
    const batch = file(
      "mixed.jsonl",
      jsonl(
        { id: "py-slow", language: "python", source: "import time\ntime.sleep(1)\n" + PROGRAMS.python.sum, stdin: "2 3\n", expected: "5\n" },
        { id: "cpp-wrong", language: "cpp", source: PROGRAMS.cpp.difference, stdin: "2 3", expected: "5" },
        { language: "java", source: PROGRAMS.java.broken },
        { id: "bash", language: "sh", source: "echo ok", expected: "ok" },
        { id: "tight", language: "python", source: PROGRAMS.python.endless, limits: { wallSeconds: 0.5 } },
      ),
    );
    const output = join(work, "mixed-verdicts.jsonl");
    const run = await runCli(["exec", "--batch", batch, "--concurrency", "2", "--output", output]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`5 programs: 2 passed, 1 timeout, 1 compile_error, 1 wrong_answer\nverdicts: ${output}\n`);
    const verdicts = readVerdicts(readFileSync(output, "utf8"));
    expect(verdicts.map((v) => [v.line, v.id, v.language, v.status])).toEqual([
      [1, "py-slow", "python", "passed"],
      [2, "cpp-wrong", "cpp", "wrong_answer"],
      [3, undefined, "java", "compile_error"],
      [4, "bash", "bash", "passed"],
      [5, "tight", "python", "timeout"],
    ]);
    expect(verdicts[1]!.tests[0]!.stdout).toBe("-1\n");
  });

  it("writes verdicts to standard output and its tally to stderr, reading the batch from standard input for -", async () => {
    const batch = jsonl({ id: "a", language: "python", source: "print(input())", stdin: "x", expected: "x" }, { id: "b", language: "js", source: "console.log(6 * 7)", expected: "42" });
    const run = await runCli(["exec", "--batch", "-"], {}, batch);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("2 programs: 2 passed\n");
    expect(readVerdicts(run.stdout).map((v) => [v.line, v.id, v.status])).toEqual([
      [1, "a", "passed"],
      [2, "b", "passed"],
    ]);
  });

  it("refuses a batch with malformed lines or unknown languages before running any of it", async () => {
    const batch = file(
      "bad.jsonl",
      jsonl(
        { id: "fine", language: "python", source: "print(1)" },
        '{"language": "python", "source": "print(1)"',
        { id: "no-source", language: "cpp" },
        { id: "cobol", language: "cobol", source: "DISPLAY 'HI'." },
        { id: "limits", language: "python", source: "print(1)", limits: { wallSeconds: 0 } },
      ),
    );
    const output = join(work, "bad-verdicts.jsonl");
    const run = await runCli(["exec", "--batch", batch, "--output", output]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^cg: 4 invalid lines in .*bad.jsonl, so nothing was run; each line must be a JSON object \{"id"\?, "language", "source"/);
    expect(run.stderr).toMatch(/bad.jsonl:2: not valid JSON/);
    expect(run.stderr).toMatch(/bad.jsonl:3: source: /);
    expect(run.stderr).toMatch(/bad.jsonl:4: language: unknown language "cobol"; known languages: python, /);
    expect(run.stderr).toMatch(/bad.jsonl:5: limits.wallSeconds: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });
});

describe("cg exec usage errors", () => {
  it("exit 2 with a message naming what is wrong and no stack trace", async () => {
    const program = file("ok.py", "print(1)\n");
    const batch = file("one.jsonl", jsonl({ language: "python", source: "print(1)" }));
    const cases: Array<[string[], RegExp]> = [
      [["exec", program], /cg exec needs --language to run one program, e.g. --language python/],
      [["exec", "--language", "python"], /cg exec needs a program: a source file, or - to read it from standard input/],
      [["exec", "--language", "cobol", program], /unknown language "cobol"; known languages: python, javascript, /],
      [["exec", "--language", "python", join(work, "missing.py")], /program file .*missing.py does not exist/],
      [["exec", "--language", "python", program, "--stdin", join(work, "missing.txt")], /--stdin file .*missing.txt does not exist/],
      [["exec", "--language", "python", work], /cannot read program file .*: EISDIR/],
      [["exec", "--language", "python", "-", "--stdin", "-"], /the program and --stdin cannot both be read from standard input/],
      [["exec", "--language", "python", program, "--comparison", "float"], /--comparison says how to compare with --expected; give --expected FILE too/],
      [["exec", "--language", "python", program, "--comparison", "fuzzy"], /--comparison must be tokens, exact or float, got "fuzzy"/],
      [["exec", "--language", "python", program, "--time-limit", "0"], /--time-limit must be a positive number, got "0"/],
      [["exec", "--language", "python", program, "--memory-limit", "lots"], /--memory-limit must be a positive integer, got "lots"/],
      [["exec", "--language", "python", program, "--concurrency", "2"], /--concurrency and --output apply to --batch only/],
      [["exec", "--batch", batch, program], /--batch runs the programs of its file; drop the program argument/],
      [["exec", "--batch", batch, "--language", "python"], /with --batch each line gives its own language, stdin and expected/],
      [["exec", "--batch", file("empty.jsonl", "\n")], /empty.jsonl holds no programs; write one JSON object/],
      [["exec", "--batch", batch, "--output", join(work, "no-such-dir", "out.jsonl")], /cannot write --output .*out.jsonl: ENOENT/],
      [["exec", "--language", "python", program, "--sandbox", "docker"], /--sandbox must be "bubblewrap" or "process"/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
