import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionPool } from "../src";
import { createTestPool } from "./pool";

// A verdict must be the one the program gets on an idle machine: the time limit counts the time a
// program ran or slept, not the time it waited for a CPU that other work held.
let pool: ExecutionPool;
beforeAll(async () => {
  pool = await createTestPool({ workers: 1 });
});
afterAll(async () => {
  await pool.close();
});

/** Busy loops of the test's own, one per core, for the duration of `work`. */
async function underLoad<T>(work: () => Promise<T>): Promise<T> {
  const loops: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
  );
  try {
    return await work();
  } finally {
    for (const loop of loops) loop.kill("SIGKILL");
  }
}

const cpuFor = (seconds: number) => `import time\nstart = time.process_time()\nwhile time.process_time() - start < ${seconds}:\n    pass`;
const sleepFor = (seconds: number) => `import time\ntime.sleep(${seconds})`;
const run = (source: string) => pool.execute({ language: "python", source, limits: { wallSeconds: 3 } });

describe("time limits that do not depend on the machine's load", () => {
  for (const [name, load] of [["idle", <T>(work: () => Promise<T>) => work()], ["with every core busy", underLoad]] as const) {
    it(`${name}: 2.5 s of CPU passes and 4 s times out under a 3 s limit`, async () => {
      await load(async () => {
        const fits = await run(cpuFor(2.5));
        expect(fits.status, `${fits.errorMessage ?? ""} after ${fits.wallMs} ms`).toBe("passed");
        expect((await run(cpuFor(4))).status).toBe("timeout");
      });
    }, 120_000);

    it(`${name}: sleeping 2.5 s passes and 4 s times out under a 3 s limit`, async () => {
      await load(async () => {
        expect((await run(sleepFor(2.5))).status).toBe("passed");
        const sleeper = await run(sleepFor(4));
        expect(sleeper.status).toBe("timeout");
        // A sleeper waits for no CPU: it times out at the limit, not later.
        expect(sleeper.wallMs).toBeLessThan(3900);
      });
    }, 120_000);
  }

  it("with every core busy, a compiled program's limit counts its CPU time too", async () => {
    await underLoad(async () => {
      const spin = (seconds: number) =>
        `#include <time.h>\nint main(void){while((double)clock()/CLOCKS_PER_SEC < ${seconds});return 0;}`;
      const judge = (seconds: number) => pool.judge({ language: "c", source: spin(seconds), tests: [{ input: "" }], limits: { wallSeconds: 3 } });
      expect((await judge(2.5)).status).toBe("passed");
      expect((await judge(4)).status).toBe("timeout");
    });
  }, 120_000);
});
