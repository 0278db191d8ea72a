import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExecutionPool, SandboxUnavailableError, buildLaunchCommand } from "../src";

describe("choosing a sandbox", () => {
  it("fails clearly when bubblewrap is missing", async () => {
    const attempt = ExecutionPool.create({ workers: 1, kind: "bubblewrap", bwrapPath: "/nonexistent/bwrap" });
    await expect(attempt).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(attempt).rejects.toThrow(/apt-get install bubblewrap.*--sandbox process/s);
  });

  it("fails clearly when bubblewrap cannot start", async () => {
    const attempt = ExecutionPool.create({ workers: 1, bwrapPath: "/bin/false" });
    await expect(attempt).rejects.toBeInstanceOf(SandboxUnavailableError);
  });

  it("runs the weaker process sandbox only when chosen, with a warning", async () => {
    const warnings: string[] = [];
    const pool = await ExecutionPool.create({ workers: 1, kind: "process", pythonGuard: "none", warn: (m) => warnings.push(m) });
    try {
      expect(warnings.join(" ")).toMatch(/can read host files and use the network/);
      const passed = await pool.execute({ language: "python", source: "import os\nassert 'CG_TEST_SECRET' not in os.environ" });
      expect(passed.status).toBe("passed");
      const loop = await pool.execute({ language: "python", source: "while True: pass", limits: { wallSeconds: 0.5 } });
      expect(loop.status).toBe("timeout");
      const left = await pool.execute({
        language: "python",
        source: "import os, time\nif os.fork() == 0:\n    time.sleep(600)\nassert True",
      });
      expect(left.status).toBe("passed");
    } finally {
      await pool.close();
    }
  });

  it("builds a bubblewrap command with no network, a cleared environment and a read-only root", () => {
    const launch = buildLaunchCommand({ kind: "bubblewrap", bwrapPath: "/usr/bin/bwrap" }, "pass");
    const args = launch.args.join(" ");
    expect(args).toContain("--unshare-all");
    expect(args).toContain("--clearenv");
    expect(args).toContain("--remount-ro /");
    expect(args).toContain("--die-with-parent");
    expect(args).not.toMatch(/--(ro-)?bind \/(root|home)\b/);
    expect(args).not.toContain("--cap-add");
  });

  it("gives a capability only to a supervisor, which runs from an interpreter the sandbox cannot read", () => {
    const launch = buildLaunchCommand({ kind: "bubblewrap", bwrapPath: "/usr/bin/bwrap" }, "server()", "supervise()");
    const args = launch.args.join(" ");
    expect(args).toContain("--cap-add CAP_SYS_ADMIN");
    const bind = launch.args.indexOf("/opt/cg-python/python3");
    expect(statSync(launch.args[bind - 1]!).mode & 0o777).toBe(0o111);
    expect(launch.args.slice(-7)).toEqual(["/opt/cg-python/python3", "-I", "-S", "-B", "-c", "supervise()", "server()"]);
  });
});
