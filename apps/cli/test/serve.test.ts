import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./run-cli";

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("cg serve", () => {
  it("serves AutoCodeBench's submit API until SIGTERM, then exits cleanly", async () => {
    const server = startCli(["serve", "--port", "0", "--workers", "1"]);
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(server.stderrSoFar())?.[1], 60_000);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${url}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ src_uid: "go-1", lang: "go", func_code: "package main\n\nfunc add(a, b int) int { return a + b }\n", main_code: 'package main\nimport "fmt"\n\nfunc main() {\n    fmt.Println(add(1, 2))\n}\n', request_extensions: { timeout: 60 } }),
    });
    const body = (await response.json()) as { exec_outcome: string; exec_cout: string; all_code: string };
    expect(body.all_code).toContain("func add(a, b int) int");
    // Without Test functions, `go test` (the sandbox's way with Go) runs no test and passes.
    expect(body.exec_outcome).toBe("PASSED");

    server.child.kill("SIGTERM");
    const run = await server.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("SIGTERM, finishing the submissions in hand");
  });

  it("refuses to listen beyond loopback without a token", async () => {
    const run = await runCli(["serve", "--host", "0.0.0.0", "--port", "0", "--workers", "1"], { CG_SERVE_TOKEN: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cg: binding to 0\.0\.0\.0 exposes the sandbox beyond this machine; give a token/);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("on 0.0.0.0, says it listens on all interfaces and names URLs that reach it", async () => {
    const server = startCli(["serve", "--host", "0.0.0.0", "--port", "0", "--workers", "1"], { CG_SERVE_TOKEN: "s3cret" });
    try {
      const line = await waitFor(() => /cg: .*|cg serve: listening .*/.exec(server.stderrSoFar())?.[0], 60_000);
      const match = /^cg serve: listening on all interfaces \(0\.0\.0\.0:(\d+)\), reachable at (http:\/\/127\.0\.0\.1:\1)(, http:\/\/[^ ,]+:\1)* \(bubblewrap sandbox, 1 workers, token required\)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(line).not.toContain("http://0.0.0.0");
      const health = await fetch(`${match![2]}/health`);
      expect(health.status).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      expect((await server.done).code).toBe(0);
    }
  });

  it("rejects a bad port with a usage error", async () => {
    const run = await runCli(["serve", "--port", "70000"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--port must be an integer from 0 to 65535");
  });

  it.each([
    ["--port", "0x10", "--port must be an integer from 0 to 65535"],
    ["--port", "", "--port must be an integer from 0 to 65535"],
    ["--workers", "1e1", "--workers must be a positive integer"],
    ["--max-timeout", "Infinity", "--max-timeout must be a positive number"],
    ["--request-timeout", " 30", "--request-timeout must be a positive number"],
    ["--headers-timeout", "-1", "--headers-timeout must be a positive number"],
  ])("rejects %s %j, which is no plain decimal, with a usage error", async (flag, value, message) => {
    const run = await runCli(["serve", flag, value]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${message}, got "${value}"`);
  });

  it("rejects a headers timeout beyond the request timeout", async () => {
    const run = await runCli(["serve", "--headers-timeout", "30", "--request-timeout", "20"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--headers-timeout (30) must not exceed --request-timeout (20)");
  });
});
