import { readdirSync, readFileSync } from "node:fs";
import { ExecutionPool } from "@cg/executor";
import { describe, expect, it } from "vitest";
import { startSandboxServer } from "../src/index";
import { healthOf, healthWhen } from "./clients";

/** The processes this test process started: the pools' sandboxes among them. */
function children(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the command name in parentheses, is the parent's pid.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid) pids.add(Number(entry));
    } catch (error) {
      // A process that exited between the listing and the read is no child any more.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" && (error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  return pids;
}

describe("GET /health reflects the pool", () => {
  it("is ok with every sandbox running, and degraded (503) once one dies", async () => {
    const before = children();
    const pool = await ExecutionPool.create({ workers: 2 });
    const sandboxes = [...children()].filter((pid) => !before.has(pid));
    expect(sandboxes).toHaveLength(2);
    const { app, url } = await startSandboxServer({ executor: pool, port: 0 });
    try {
      const healthy = await healthOf(url);
      expect(healthy.status).toBe(200);
      expect(healthy.report).toMatchObject({ status: "ok", pool: { ok: true, size: 2, ready: 2, busy: 0, replaced: 0 }, max_queue: 256 });
      expect(healthy.report.reason).toBeUndefined();

      process.kill(sandboxes[0]!, "SIGKILL");
      const degraded = await healthWhen(url, (h) => h.status === "degraded", 10_000, "the dead sandbox to show");
      expect(degraded.reason).toMatch(/^1 of 2 sandboxes are running/);
      expect(degraded.pool).toMatchObject({ ok: false, ready: 1 });
      expect((await healthOf(url)).status).toBe(503);
    } finally {
      await app.close();
      await pool.close();
    }
  });

  it("is degraded once the pool is closed, and submissions get 503", async () => {
    const pool = await ExecutionPool.create({ workers: 1 });
    const { app, url } = await startSandboxServer({ executor: pool, port: 0 });
    try {
      await pool.close();
      const { status, report } = await healthOf(url);
      expect(status).toBe(503);
      expect(report).toMatchObject({ status: "degraded", reason: "0 of 1 sandboxes are running", pool: { ok: false, ready: 0 } });

      const submitted = await fetch(`${url}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ src_uid: "late", lang: "python", source_code: "print(1)" }),
      });
      expect(submitted.status).toBe(503);
      expect(((await submitted.json()) as { message: string }).message).toMatch(/sandboxes are closed/);
    } finally {
      await app.close();
    }
  });
});
