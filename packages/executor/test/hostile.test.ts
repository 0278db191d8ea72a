import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync, existsSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionPool, ExecutionResult } from "../src";
import { createTestPool } from "./pool";

// Each hostile program is followed by a check that the pool still runs ordinary code.
let pool: ExecutionPool;
beforeAll(async () => {
  process.env.CG_TEST_SECRET = "sk-test-secret-that-must-not-leak";
  pool = await createTestPool({ pythonGuard: "none" });
});
afterAll(async () => {
  await pool.close();
});

const run = (source: string, wallSeconds = 3): Promise<ExecutionResult> =>
  pool.execute({ language: "python", source, limits: { wallSeconds } });

async function expectPoolHealthy(): Promise<void> {
  const results = await Promise.all([run("assert sum(range(10)) == 45"), run("assert 'a' * 2 == 'aa'")]);
  for (const result of results) expect(result.status).toBe("passed");
}

/** Processes in the sandbox other than the server (PID 1) and the program itself. */
const listStrangers =
  "import os\nstrangers = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid())]\n" +
  "assert strangers == [], strangers";

describe("hostile programs are contained", () => {
  it("fork bomb: bounded by the process limit, then cleaned up", async () => {
    const result = await run(
      "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass",
      1,
    );
    expect(["timeout", "runtime_error"]).toContain(result.status);
    for (let i = 0; i < 4; i++) expect((await run(listStrangers)).status).toBe("passed");
    await expectPoolHealthy();
  });

  it("memory bomb: stopped by the address-space limit", async () => {
    const result = await pool.execute({
      language: "python",
      source: "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024 * 1024))",
      // Zero-filling pages is slow on a loaded virtual machine: time must not decide this verdict.
      limits: { memoryBytes: 256 * 1024 * 1024, wallSeconds: 30 },
    });
    expect(result.status).toBe("memory_limit");
    expect(result.errorType).toBe("MemoryError");
    await expectPoolHealthy();
  });

  it("disk filler: stopped by the file-size limit and the tmpfs size, then wiped", async () => {
    const big = await run("with open('big', 'wb') as f:\n    while True:\n        f.write(b'x' * 1048576)");
    expect(big.status).toBe("output_limit");
    const many = await run(
      "i = 0\nwhile True:\n    with open(f'f{i}', 'wb') as f:\n        f.write(b'x' * 8 * 1048576)\n    i += 1",
    );
    expect(many.passed).toBe(false);
    expect(many.errorType).toBe("OSError");
    const after = await run("import os\nassert os.listdir('.') == [] and os.listdir('/tmp') == ['w'], os.listdir('/tmp')");
    expect(after.status).toBe("passed");
    await expectPoolHealthy();
  });

  it("output flood: capped and reported", async () => {
    const result = await run("while True:\n    print('flood' * 1000)");
    expect(result.status).toBe("output_limit");
    expect(result.stdout.length).toBeLessThanOrEqual(64 * 1024);
    await expectPoolHealthy();
  });

  it("a sleeping child left behind is killed before the result returns", async () => {
    const result = await run(
      "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(600)\n    os._exit(0)\nassert True",
    );
    expect(result.status).toBe("passed");
    for (let i = 0; i < 4; i++) expect((await run(listStrangers)).status).toBe("passed");
  });

  it("infinite loop: killed at the wall limit", async () => {
    const result = await run("x = 0\nwhile True:\n    x += 1", 1);
    expect(result.status).toBe("timeout");
    await expectPoolHealthy();
  });

  it("cannot read /etc/shadow or the harness user's home", async () => {
    const shadow = await run("open('/etc/shadow').read()");
    expect(shadow).toMatchObject({ status: "runtime_error", errorType: "PermissionError" });
    const home = await run(`import os\nos.listdir(${JSON.stringify(process.env.HOME ?? "/root")})`);
    expect(home.passed).toBe(false);
    expect(["FileNotFoundError", "PermissionError"]).toContain(home.errorType);
  });

  it("cannot see the harness's files outside system directories", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cg-secret-"));
    const file = join(dir, "secret.txt");
    writeFileSync(file, "secret");
    chmodSync(dir, 0o755);
    const result = await run(`open(${JSON.stringify(file)}).read()`);
    expect(result).toMatchObject({ status: "runtime_error", errorType: "FileNotFoundError" });
    const cwd = await run(`import os\nos.listdir(${JSON.stringify(process.cwd())})`);
    expect(cwd.errorType).toBe("FileNotFoundError");
  });

  it("receives no environment variables from the harness", async () => {
    const result = await run("import os\nassert 'CG_TEST_SECRET' not in os.environ, 'leak'\nprint(sorted(os.environ))");
    expect(result.status).toBe("passed");
    expect(result.stdout).not.toContain("sk-test");
    const proc = await run("print(open('/proc/1/environ', 'rb').read())");
    expect(proc.passed).toBe(false);
  });

  it("has no network", async () => {
    const result = await run(
      "import socket\ns = socket.socket()\ns.settimeout(1)\ns.connect(('127.0.0.1', 22))",
    );
    expect(result.passed).toBe(false);
    expect(["OSError", "ConnectionRefusedError"]).toContain(result.errorType);
    const external = await run("import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=1)");
    expect(external).toMatchObject({ status: "runtime_error", errorType: "OSError" });
    expect(external.errorMessage).toContain("unreachable");
  });

  it("cannot kill the server or anything outside the sandbox", async () => {
    const parent = await run("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nos.kill(1, signal.SIGTERM)\nos.kill(1, signal.SIGINT)\nassert True");
    expect(parent.status).toBe("passed");
    const everyone = await run("import os, signal\nos.kill(-1, signal.SIGKILL)");
    expect(everyone.passed).toBe(false);
    await expectPoolHealthy();
    const outside = await run(`import os, signal\nos.kill(${process.pid}, signal.SIGKILL)`);
    expect(outside).toMatchObject({ status: "runtime_error", errorType: "ProcessLookupError" });
    await expectPoolHealthy();
  });

  it("cannot write outside its working directory", async () => {
    for (const target of ["/etc/cg-owned", "/usr/cg-owned", "/cg-owned", "/proc/cg-owned", "/dev/cg-owned"]) {
      const result = await run(`open(${JSON.stringify(target)}, 'w').write('x')`);
      expect(result.passed, target).toBe(false);
      expect(existsSync(target)).toBe(false);
    }
  });

  it("cannot trace the server or gain privileges", async () => {
    const mem = await run("open('/proc/1/mem', 'rb').read(1)");
    expect(mem.passed).toBe(false);
    const userns = await run("import os\nos.unshare(os.CLONE_NEWUSER)");
    expect(userns.passed).toBe(false);
    const devices = await run("open('/dev/null', 'w').write('x')\nassert open('/dev/zero', 'rb').read(4) == bytes(4)");
    expect(devices.status).toBe("passed");
    const uid = await run("import os\nassert os.getuid() != 0 and os.geteuid() != 0");
    expect(uid.status).toBe("passed");
  });

  it("the host sees no process of the sandbox's user left behind", async () => {
    await run("import os, time\nif os.fork() == 0:\n    time.sleep(600)\nassert True");
    const sleepers = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes("time.sleep(600)"));
    expect(sleepers).toEqual([]);
    expect(readdirSync("/proc").length).toBeGreaterThan(0);
  });
});
