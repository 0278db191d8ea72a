import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionPool } from "../src";
import { createTestPool } from "./pool";

let pool: ExecutionPool;
beforeAll(async () => {
  pool = await createTestPool();
});
afterAll(async () => {
  await pool.close();
});

const run = (source: string, extra: Partial<Parameters<ExecutionPool["execute"]>[0]> = {}) =>
  pool.execute({ language: "python", source, ...extra });

describe("verdicts", () => {
  it("passes a program whose tests complete", async () => {
    const result = await run("def f(x):\n    return x * 2\nassert f(2) == 4\nprint('ok')");
    expect(result).toMatchObject({ status: "passed", passed: true, exitCode: 0, stdout: "ok\n" });
    expect(result.wallMs).toBeGreaterThan(0);
  });

  it("fails a failing assertion and names the exception", async () => {
    const result = await run("assert 1 + 1 == 3, 'arithmetic'");
    expect(result).toMatchObject({ status: "failed", passed: false, errorType: "AssertionError", errorMessage: "arithmetic" });
    expect(result.traceback).toContain('File "<program>", line 1');
    expect(result.traceback).not.toContain("run_python_in_child");
  });

  it("reports runtime errors with their type and message", async () => {
    const result = await run("x = {}\nx['missing']");
    expect(result).toMatchObject({ status: "runtime_error", errorType: "KeyError", errorMessage: "'missing'" });
  });

  it("reports syntax errors before running anything", async () => {
    const result = await run("print('side effect')\ndef broken(:\n    pass");
    expect(result).toMatchObject({ status: "syntax_error", errorType: "SyntaxError", stdout: "" });
  });

  it("reports indentation errors as syntax errors", async () => {
    const result = await run("def f():\nreturn 1");
    expect(result).toMatchObject({ status: "syntax_error", errorType: "IndentationError" });
  });

  it("times out an infinite loop at the wall limit", async () => {
    const started = Date.now();
    const result = await run("while True:\n    pass", { limits: { wallSeconds: 1 } });
    expect(result.status).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("times out a program that sleeps", async () => {
    const result = await run("import time\ntime.sleep(30)", { limits: { wallSeconds: 0.5 } });
    expect(result.status).toBe("timeout");
  });

  it("does not pass a program that exits before its tests run", async () => {
    const viaSysExit = await run("import sys\nsys.exit(0)\nassert False");
    expect(viaSysExit).toMatchObject({ passed: false, status: "runtime_error", errorType: "SystemExit" });
    const viaOsExit = await run("import os\nos._exit(0)\nassert False");
    expect(viaOsExit.passed).toBe(false);
    expect(viaOsExit.status).toBe("runtime_error");
  });

  it("runs script mode as __main__ with stdin and accepts exit code 0", async () => {
    const result = await run(
      "import sys\nif __name__ == '__main__':\n    a, b = map(int, sys.stdin.read().split())\n    print(a + b)\n    sys.exit(0)",
      { mode: "script", stdin: "2 40\n" },
    );
    expect(result).toMatchObject({ status: "passed", stdout: "42\n" });
  });

  it("runs tests mode with empty globals, as human-eval does", async () => {
    const result = await run("assert __name__ != '__main__'");
    expect(result.status).toBe("passed");
  });

  it("captures stderr and caps captured output", async () => {
    const result = await run("import sys\nsys.stderr.write('warn\\n')\nprint('x' * 100000)", { limits: { outputBytes: 1000 } });
    expect(result.status).toBe("passed");
    expect(result.stderr).toBe("warn\n");
    expect(result.stdout).toHaveLength(1000);
    expect(result.stdoutTruncated).toBe(true);
  });

  it("gives each program a fresh random seed and working directory", async () => {
    const a = await run("import random, os\nprint(random.random(), os.listdir('.'))\nopen('left.txt', 'w').write('x')");
    const b = await run("import random, os\nprint(random.random(), os.listdir('.'))");
    expect(a.stdout).not.toBe(b.stdout);
    expect(b.stdout).toContain("[]");
  });
});

describe("the human-eval guard", () => {
  it("disables what human-eval disables, by default", async () => {
    const result = await run("import os\nos.system('true')");
    expect(result).toMatchObject({ status: "runtime_error", errorType: "TypeError" });
    const popen = await run("import subprocess\nsubprocess.run(['true'])");
    expect(popen).toMatchObject({ status: "runtime_error", errorType: "TypeError" });
    const exitCall = await run("exit()");
    expect(exitCall).toMatchObject({ status: "runtime_error", errorType: "TypeError" });
    const stdin = await run("input()");
    expect(stdin).toMatchObject({ passed: false, errorType: "OSError" });
    const resource = await run("import resource");
    expect(resource).toMatchObject({ passed: false, errorType: "ModuleNotFoundError" });
  });

  it("leaves Python whole when the pool is created without it", async () => {
    const whole = await createTestPool({ workers: 1, pythonGuard: "none" });
    try {
      const result = await whole.execute({ language: "python", source: "import subprocess, os\nassert subprocess.run(['true']).returncode == 0\nos.getcwd()" });
      expect(result.status).toBe("passed");
    } finally {
      await whole.close();
    }
  });
});
