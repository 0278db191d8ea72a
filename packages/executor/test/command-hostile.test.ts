import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultToolchainCacheDir, findLanguage, findToolchain, type ExecutionPool, type JudgeResult, type TestCase } from "../src";
import { createTestPool } from "./pool";

// Programs run as commands (here Bash, always installed) get the containment Python programs get,
// and each test of a program starts without what the previous test left running.
let pool: ExecutionPool;
beforeAll(async () => {
  process.env.CG_TEST_SECRET = "sk-test-secret-that-must-not-leak";
  pool = await createTestPool();
});
afterAll(async () => {
  await pool.close();
});

const bash = (source: string, tests: TestCase[] = [{ input: "" }], wallSeconds = 3): Promise<JudgeResult> =>
  pool.judge({ language: "bash", source, tests, limits: { wallSeconds } });

/** Counts the sandbox's processes without starting one: the server (PID 1) and this shell make 2. */
const COUNT_PROCESSES = "pids=(/proc/[0-9]*)\necho ${#pids[@]}\n";

async function expectPoolHealthy(): Promise<void> {
  const results = await Promise.all([0, 1].map(() => bash(COUNT_PROCESSES, [{ input: "", expected: "2" }])));
  for (const result of results) expect(result.status, result.errorMessage).toBe("passed");
}

describe("programs run as commands are contained", () => {
  it("a process a test leaves behind is gone before the next test", async () => {
    const source = 'read step\nif [ "$step" = first ]; then\n  setsid sleep 600 &\n  ( sleep 600 & ) &\n  sleep 0.2\nfi\npids=(/proc/[0-9]*)\necho ${#pids[@]}\n';
    const result = await bash(source, [{ input: "first\n" }, { input: "second\n" }]);
    expect(result.status).toBe("passed");
    expect(Number(result.tests[0]!.stdout)).toBeGreaterThan(2);
    expect(result.tests[1]!.stdout.trim()).toBe("2");
  });

  it("leaves nothing on disk for the next program", async () => {
    const written = await bash("echo x > left\necho x > /tmp/left\necho x > /dev/shm/left\nmkdir -p /tmp/d && chmod 000 /tmp/d\n");
    expect(written.status).toBe("passed");
    const after = await bash("shopt -s nullglob dotglob\necho /tmp/* /dev/shm/* ./*\n", [{ input: "", expected: "/tmp/w ./main.sh" }]);
    expect(after.status, after.errorMessage).toBe("passed");
  });

  it("cannot write the toolchain cache or read /etc/shadow", async () => {
    const result = await bash("touch /opt/cg-cache/planted 2>/dev/null && echo wrote || echo refused\ncat /etc/shadow 2>/dev/null || echo unreadable\n", [
      { input: "", expected: "refused unreadable" },
    ]);
    expect(result.status, result.errorMessage).toBe("passed");
    expect(existsSync(join(defaultToolchainCacheDir(), "planted"))).toBe(false);
  });

  it("receives no variables from the harness and has no network", async () => {
    const result = await bash("printenv\n(exec 3<>/dev/tcp/1.1.1.1/53) 2>/dev/null && echo connected || echo offline\n");
    expect(result.status).toBe("passed");
    expect(result.tests[0]!.stdout).not.toMatch(/sk-test|CG_/);
    expect(result.tests[0]!.stdout.trim().split("\n").pop()).toBe("offline");
  });

  it("fork bomb: bounded by the process limit, then cleaned up", async () => {
    const result = await bash(":(){ :|:& };:\nwait\n", [{ input: "" }], 1);
    expect(["timeout", "runtime_error", "passed"]).toContain(result.status);
    await expectPoolHealthy();
  });

  it.skipIf(!findToolchain(findLanguage("c")).installed)("a compiler cannot read what the program cannot", async () => {
    const result = await pool.judge({ language: "c", source: '#include "/etc/shadow"\nint main(void) { return 0; }\n', tests: [{ input: "" }] });
    expect(result.status).toBe("compile_error");
    expect(result.errorMessage).toMatch(/Permission denied/);
  });
});
