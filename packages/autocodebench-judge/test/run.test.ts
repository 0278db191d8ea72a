import { ExecutionAbortedError, ExecutionPool } from "@cg/executor";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runAutoCodeBenchProgram } from "../src";

let pool: ExecutionPool;

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 1 });
});
afterAll(async () => {
  await pool.close();
});

it("a PHP program without a closing tag is a SYNTAX_ERROR, before anything runs", async () => {
  const run = await runAutoCodeBenchProgram(pool, "php", "<?php\necho 'no closing tag';\n");
  expect(run).toMatchObject({ outcome: "SYNTAX_ERROR", wallMs: 0 });
});

it("a cancelled run stops at once and its sandbox is replaced", async () => {
  const controller = new AbortController();
  const started = Date.now();
  const run = runAutoCodeBenchProgram(pool, "python", "import time\ntime.sleep(30)\n", { timeoutSeconds: 60, signal: controller.signal });
  setTimeout(() => controller.abort(), 500);
  await expect(run).rejects.toBeInstanceOf(ExecutionAbortedError);
  // The program would sleep 30 s; only killing its sandbox ends the call this soon.
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(pool.health().replaced).toBe(1);

  // Health recovers once the replacement sandbox has started.
  const deadline = Date.now() + 30_000;
  while (!pool.health().ok && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pool.health()).toMatchObject({ ok: true, ready: 1, busy: 0 });
  const next = await runAutoCodeBenchProgram(pool, "python", 'print("after")\n');
  expect(next).toMatchObject({ outcome: "PASSED", stdout: "after\n" });
});
