import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultToolchainCacheDir, findLanguage, findToolchain, UnknownLanguageError, type ExecutionPool, type LanguageDefinition } from "../src";
import { createTestPool } from "./pool";

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await createTestPool();
});
afterAll(async () => {
  await pool.close();
});

const installed = (id: string) => findToolchain(findLanguage(id)).installed;
const skipReason = (id: string) => (installed(id) ? "" : ` (skipped: the ${id} toolchain is not installed)`);

/** Prints each line of its input with its number: the output depends on the test. */
const ECHO = "import sys\nfor i, line in enumerate(sys.stdin, 1):\n    print(i, line.strip())\n";

describe("stdin/stdout judging", () => {
  it("feeds each test its own input and reports every test", async () => {
    const result = await pool.judge({
      language: "python",
      source: ECHO,
      tests: [
        { input: "a\nb\n", expected: "1 a\n2 b\n" },
        { input: "c", expected: "1 c" },
      ],
    });
    expect(result).toMatchObject({ status: "passed", passed: true, language: "python" });
    expect(result.compile).toBeUndefined();
    expect(result.tests.map((test) => [test.index, test.status, test.stdout])).toEqual([
      [0, "passed", "1 a\n2 b\n"],
      [1, "passed", "1 c\n"],
    ]);
  });

  it("stops at the first failing test, or runs them all when asked", async () => {
    const tests = [
      { input: "x", expected: "1 x" },
      { input: "y", expected: "1 z" },
      { input: "w", expected: "1 q" },
      { input: "v", expected: "1 v" },
    ];
    const stopped = await pool.judge({ language: "python", source: ECHO, tests });
    expect(stopped).toMatchObject({ status: "wrong_answer", failedTest: 1 });
    expect(stopped.tests).toHaveLength(2);
    expect(stopped.errorMessage).toBe("test 2 of 4: wrong answer: token 2 differs: expected 'z', got 'y'");

    const all = await pool.judge({ language: "python", source: ECHO, tests, stopAtFirstFailure: false });
    expect(all).toMatchObject({ status: "wrong_answer", failedTest: 1 });
    expect(all.tests.map((test) => test.status)).toEqual(["passed", "wrong_answer", "wrong_answer", "passed"]);
  });

  it("compares tokens by default, bytes in exact mode, numbers with a tolerance in float mode", async () => {
    const source = "print('3.0000001 ')\n";
    const tests = [{ input: "", expected: "3.0000001" }];
    expect((await pool.judge({ language: "python", source, tests })).status).toBe("passed");
    const exact = await pool.judge({ language: "python", source, tests, comparison: { mode: "exact" } });
    expect(exact).toMatchObject({ status: "wrong_answer", failedTest: 0 });
    expect(exact.tests[0]!.mismatch).toMatchObject({ line: 1, expected: "3.0000001", actual: "3.0000001 \n" });

    const close = [{ input: "", expected: "3" }];
    expect((await pool.judge({ language: "python", source, tests: close })).status).toBe("wrong_answer");
    expect((await pool.judge({ language: "python", source, tests: close, comparison: { mode: "float" } })).status).toBe("passed");
    const strict = await pool.judge({ language: "python", source, tests: close, comparison: { mode: "float", absoluteTolerance: 1e-9, relativeTolerance: 1e-9 } });
    expect(strict.status).toBe("wrong_answer");
  });

  it("passes a test without expected output when the program exits with status 0", async () => {
    const ok = await pool.judge({ language: "bash", source: "read x\n[ \"$x\" = yes ]\n", tests: [{ input: "yes\n" }, { input: "no\n" }] });
    expect(ok).toMatchObject({ status: "runtime_error", failedTest: 1 });
    expect(ok.tests[1]!.exitCode).toBe(1);
    expect(ok.errorMessage).toBe("test 2 of 2: runtime error: the program exited with code 1");
  });

  it("reports runtime errors with the line that names them", async () => {
    const result = await pool.judge({ language: "python", source: "print('partial')\n1 / 0\n", tests: [{ input: "", expected: "partial" }] });
    expect(result).toMatchObject({ status: "runtime_error", failedTest: 0 });
    expect(result.errorMessage).toMatch(/exited with code 1: ZeroDivisionError: division by zero$/);
    expect(result.tests[0]!.stdout).toBe("partial\n");
  });

  it("applies the test's memory limit", async () => {
    const result = await pool.judge({
      language: "python",
      source: "blocks = []\nwhile True:\n    blocks.append(bytearray(32 * 1024 * 1024))\n",
      tests: [{ input: "" }],
      // Zero-filling pages is slow on a loaded virtual machine: time must not decide this verdict.
      limits: { memoryBytes: 256 * 1024 * 1024, wallSeconds: 30 },
    });
    expect(result).toMatchObject({ status: "memory_limit", failedTest: 0 });
    expect(result.errorMessage).toContain("ran out of memory (limit 256 MiB)");
  });

  it("caps output and reports a flood", async () => {
    const result = await pool.judge({ language: "bash", source: "yes flood\n", tests: [{ input: "" }], limits: { fileBytes: 1024 * 1024, outputBytes: 1000 } });
    expect(result).toMatchObject({ status: "output_limit", failedTest: 0 });
    expect(result.tests[0]!.stdout).toHaveLength(1000);
    expect(result.tests[0]!.stdoutTruncated).toBe(true);
  });

  it("runs other languages through execute, passing on exit status 0 (MultiPL-E)", async () => {
    const passed = await pool.execute({ language: "sh", source: "read x\n[ \"$x\" -eq 4 ]\n", stdin: "4\n" });
    expect(passed).toMatchObject({ status: "passed", passed: true, exitCode: 0 });
    const failed = await pool.execute({ language: "bash", source: "exit 3\n" });
    expect(failed).toMatchObject({ status: "runtime_error", exitCode: 3 });
  });

  it.skipIf(!installed("c"))(`reports a compile error through execute${skipReason("c")}`, async () => {
    const result = await pool.execute({ language: "c", source: "int main(void) { return x; }\n" });
    expect(result.status).toBe("compile_error");
    expect(result.errorMessage).toMatch(/^compile error: main.c:1:\d+: error: .x. undeclared/);
  });

  it("rejects a language it does not know", async () => {
    await expect(pool.judge({ language: "cobol", source: "", tests: [{ input: "" }] })).rejects.toThrow(UnknownLanguageError);
    await expect(pool.execute({ language: "cobol", source: "" })).rejects.toThrow(/known languages: python, javascript/);
  });
});

describe("toolchains", () => {
  it("marks a program whose toolchain is missing, and keeps working", async () => {
    const c: LanguageDefinition = findLanguage("c");
    const absent: LanguageDefinition = { ...c, id: "c-absent", compile: { argv: ["cg-no-such-compiler", "{file}"] } };
    const result = await pool.judge({ language: absent, source: "int main(void) { return 0; }", tests: [{ input: "" }] });
    expect(result).toMatchObject({ status: "toolchain_missing", passed: false, tests: [] });
    expect(result.errorMessage).toBe("C needs cg-no-such-compiler, not installed here; install it with apt-get install gcc (cg doctor lists every toolchain)");
    expect((await pool.judge({ language: "bash", source: "echo ok", tests: [{ input: "", expected: "ok" }] })).status).toBe("passed");
  });

  it("counts a missing file the toolchain needs as a missing toolchain", async () => {
    const java = findLanguage("java");
    const absent: LanguageDefinition = { ...java, id: "java-absent", toolchain: { ...java.toolchain, files: ["/nonexistent/cg-compiler.jar"] } };
    const result = await pool.judge({ language: absent, source: "class Main {}", tests: [{ input: "" }] });
    expect(result).toMatchObject({ status: "toolchain_missing", passed: false, tests: [] });
    expect(result.errorMessage).toMatch(/^Java needs (?:.* and )?\/nonexistent\/cg-compiler\.jar, not installed here; install it with apt-get install default-jdk-headless /);
  });

  it("names the official installer of a toolchain Debian does not package", async () => {
    const bash = findLanguage("bash");
    const absent: LanguageDefinition = {
      ...bash,
      id: "bash-absent",
      run: ["cg-no-such-shell", "{file}"],
      toolchain: { version: ["cg-no-such-shell", "--version"], packages: [], install: "the installer from https://example.org/install" },
    };
    const result = await pool.judge({ language: absent, source: "echo ok", tests: [{ input: "" }] });
    expect(result.errorMessage).toBe(
      "Bash needs cg-no-such-shell, not installed here; install it with the installer from https://example.org/install (cg doctor lists every toolchain)",
    );
  });

  it("warns at start about the languages it was asked for whose toolchain is missing", async () => {
    const warnings: string[] = [];
    const other = await createTestPool({ workers: 1, languages: ["bash", "c++"], warn: (message) => warnings.push(message) });
    await other.close();
    const expected = installed("cpp") ? [] : [expect.stringMatching(/^C\+\+ needs g\+\+.*toolchain_missing$/)];
    expect(warnings).toEqual(expected);
  });

  const caches = [
    ["cpp", "#include <bits/stdc++.h>\nint main() { std::puts(\"ok\"); }\n", "bits/stdc++.h.gch"],
    ["java", "public class Main { public static void main(String[] a) { System.out.println(\"ok\"); } }\n", "javac.jsa"],
    ["kotlin", 'fun main() {\n    println("ok")\n}\n', "kotlinc.jsa"],
    ["scala", 'object Main {\n  def main(args: Array[String]): Unit = println("ok")\n}\n', "scalac.jsa"],
  ] as const;
  for (const [id, source, artifact] of caches) {
    it.skipIf(!installed(id))(`builds the ${id} compiler cache once per machine, outside the sandbox's reach${skipReason(id)}`, async () => {
      // A JVM start takes seconds on a loaded machine; the limit is not what is tested.
      const result = await pool.judge({ language: id, source, tests: [{ input: "", expected: "ok" }], limits: { wallSeconds: 20 } });
      expect(result.status, result.errorMessage).toBe("passed");
      const root = join(defaultToolchainCacheDir(), "compilers", id);
      const entries = readdirSync(root).filter((entry) => existsSync(join(root, entry, artifact)));
      expect(entries.length).toBeGreaterThan(0);
      expect(result.compile!.stderr).not.toMatch(/warning/i);
    });
  }
});
