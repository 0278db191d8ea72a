import { ExecutionPool } from "@cg/executor";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer, SandboxServerConfigError, startSandboxServer, type ServedExecutor, type SubmitResponse } from "../src/index";

let pool: ExecutionPool;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  pool = await ExecutionPool.create({ workers: 2 });
  ({ app, url } = await startSandboxServer({ executor: pool, port: 0, maxSourceBytes: 64 * 1024, maxTimeoutSeconds: 60, maxBatch: 4 }));
});

afterAll(async () => {
  await app?.close();
  await pool?.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function submit(body: unknown): Promise<SubmitResponse> {
  const { status, json } = await post("/submit", body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json as unknown as SubmitResponse;
}

describe("POST /submit", () => {
  it("runs a program given as source_code, as the reference sandbox's health check does", async () => {
    const response = await submit({ src_uid: "test-001", lang: "python", source_code: 'print("Hello World")' });
    expect(response).toMatchObject({ src_uid: "test-001", all_code: "", exec_cout: "Hello World\n", exec_outcome: "PASSED", exec_compile_message: "", exec_runtime_message: "" });
    expect(response.response_extensions).toMatchObject({ outcome: "PASSED", status: "passed", exit_code: 0, language: "python" });
    expect(response.response_extensions.exec_runtime).toBeGreaterThan(0);
  });

  it("joins func_code and main_code per language and echoes the joined program", async () => {
    const response = await submit({
      src_uid: "js-1",
      lang: "javascript",
      func_code: "const countPairs = (n) => (n * (n - 1)) / 2;\n",
      main_code: 'const assert = require("assert");\nconst demoTesting = () => {\n  assert.strictEqual(countPairs(4), 6);\n  console.log("demo ok");\n};\n',
    });
    expect(response.exec_outcome).toBe("PASSED");
    expect(response.exec_cout).toBe("demo ok\n");
    expect(response.all_code.endsWith("\n\ndemoTesting()")).toBe(true);
  });

  it("reports a failed assertion as a runtime error with the program's error output", async () => {
    const response = await submit({ src_uid: "py-2", lang: "py", func_code: "def double(x):\n    return x + 2\n", main_code: "assert double(3) == 6, 'double(3)'\n" });
    expect(response.exec_outcome).toBe("RUNTIME_ERROR");
    expect(response.exec_runtime_message).toContain("AssertionError: double(3)");
  });

  it("reports a compile error with the compiler's message", async () => {
    const response = await submit({ src_uid: "cpp-1", lang: "c++", source_code: "int main() { return undefined_name; }\n" });
    expect(response.exec_outcome).toBe("COMPILATION_ERROR");
    expect(response.exec_compile_message).toContain("undefined_name");
  });

  it("stops a program at the request's timeout", async () => {
    const response = await submit({ src_uid: "loop", lang: "python", source_code: "while True:\n    pass\n", request_extensions: { timeout: "2" } });
    expect(response.exec_outcome).toBe("TIME_LIMIT_EXCEEDED");
    expect(response.response_extensions.wall_ms).toBeGreaterThanOrEqual(1900);
  });

  it("leaves messages out when show_log is false", async () => {
    const response = await submit({ src_uid: "quiet", lang: "python", source_code: "raise SystemExit(3)\n", show_log: false });
    expect(response.exec_outcome).toBe("RUNTIME_ERROR");
    expect(response.exec_runtime_message).toBe("");
  });
});

describe("bad input gets a 4xx with a message", () => {
  it.each([
    ["malformed JSON", '{"src_uid": "x", "lang": ', 400, /malformed request/],
    ["a missing src_uid", { lang: "python", source_code: "print(1)" }, 400, /src_uid/],
    ["no program", { src_uid: "x", lang: "python" }, 400, /source_code \(or both func_code and main_code/],
    ["an unknown language", { src_uid: "x", lang: "cobol", source_code: "x" }, 400, /unknown language "cobol"; this sandbox runs: .*python/],
    ["a negative timeout", { src_uid: "x", lang: "python", source_code: "print(1)", request_extensions: { timeout: -1 } }, 400, /timeout must be a number of seconds in \(0, 60\]/],
    ["an absurd timeout", { src_uid: "x", lang: "python", source_code: "print(1)", request_extensions: { timeout: 1e9 } }, 400, /timeout/],
    ["a non-numeric timeout", { src_uid: "x", lang: "python", source_code: "print(1)", request_extensions: { timeout: "soon" } }, 400, /timeout/],
    ["an oversized source", { src_uid: "x", lang: "python", source_code: `# ${"x".repeat(70 * 1024)}` }, 413, /source_code is \d+ bytes; the limit is 65536/],
    ["a body beyond every limit", { src_uid: "x", lang: "python", source_code: "x".repeat(2 * 1024 * 1024) }, 413, /request body exceeds/],
  ])("%s", async (_name, body, status, message) => {
    const response = await post("/submit", body);
    expect(response.status).toBe(status);
    expect(response.json.exec_outcome).toBe("ARGUMENT_ERROR");
    expect(String(response.json.message)).toMatch(message);
  });

  it.each([
    ["hexadecimal", "0x10"],
    ["octal", "0o20"],
    ["binary", "0b10"],
    ["exponent", "1e1"],
    ["leading blank", " 16"],
    ["trailing blank", "16 "],
    ["trailing words", "16abc"],
    ["signed", "+16"],
    ["negative", "-5"],
    ["Infinity", "Infinity"],
    ["empty", ""],
    ["zero", "0"],
    ["beyond the maximum", "61"],
  ])("a %s timeout string is refused, naming the field and the value", async (_name, timeout) => {
    const response = await post("/submit", { src_uid: "t", lang: "python", source_code: "print(1)", request_extensions: { timeout } });
    expect(response.status).toBe(400);
    expect(response.json.exec_outcome).toBe("ARGUMENT_ERROR");
    expect(String(response.json.message)).toBe(
      `request_extensions.timeout must be a number of seconds in (0, 60], as a JSON number or a decimal string such as "5", got ${JSON.stringify(timeout)}`,
    );
  });

  it.each([
    ["zero", "0"],
    ["negative", "-1"],
    ["beyond the maximum", "60.5"],
    ["overflowing to Infinity", "1e400"],
    ["true", "true"],
    ["null", "null"],
    ["a list", "[5]"],
  ])("a %s timeout in JSON is refused", async (_name, timeout) => {
    const response = await post("/submit", `{"src_uid": "t", "lang": "python", "source_code": "print(1)", "request_extensions": {"timeout": ${timeout}}}`);
    expect(response.status).toBe(400);
    expect(String(response.json.message)).toMatch(/^request_extensions\.timeout must be a number of seconds in \(0, 60\]/);
    expect(String(response.json.message)).toContain(`got ${timeout === "1e400" ? "Infinity" : timeout}`);
  });

  it("a timeout as a decimal string or a JSON number is taken", async () => {
    for (const timeout of ["2.5", "07", 2.5]) {
      const response = await submit({ src_uid: "t", lang: "python", source_code: "print(1)", request_extensions: { timeout } });
      expect(response.exec_outcome, String(timeout)).toBe("PASSED");
    }
  });

  it("a body that is not JSON", async () => {
    const response = await fetch(`${url}/submit`, { method: "POST", headers: { "content-type": "text/plain" }, body: "print(1)" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/must be a JSON object/);
  });

  it("keeps serving after all of them", async () => {
    expect((await submit({ src_uid: "after", lang: "python", source_code: "print(2)" })).exec_outcome).toBe("PASSED");
  });
});

describe("POST /submit/batch", () => {
  it("runs each submission and answers a bad one with its own error", async () => {
    const { status, json } = await post("/submit/batch", {
      requests: [
        { src_uid: "a", lang: "ruby", source_code: "puts 6 * 7" },
        { src_uid: "b", lang: "brainfuck", source_code: "+" },
        { src_uid: "c", lang: "shell", source_code: "exit 4" },
      ],
    });
    expect(status).toBe(200);
    const results = json.results as Array<Record<string, unknown>>;
    expect(results.map((r) => [r.src_uid, r.exec_outcome])).toEqual([
      ["a", "PASSED"],
      ["b", "ARGUMENT_ERROR"],
      ["c", "RUNTIME_ERROR"],
    ]);
    expect(results[0]!.exec_cout).toBe("42\n");
    expect(results[1]).toMatchObject({ status_code: 400 });
  });

  it("refuses a batch larger than the limit or of the wrong shape", async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ src_uid: String(i), lang: "python", source_code: "print(1)" }));
    expect((await post("/submit/batch", { requests: many })).status).toBe(413);
    expect((await post("/submit/batch", [{ src_uid: "x" }])).status).toBe(400);
  });
});

describe("GET /health", () => {
  it("reports load and which languages have their toolchain", async () => {
    const response = await fetch(`${url}/health`);
    const health = (await response.json()) as { status: string; max_concurrency: number; languages: Array<{ name: string; installed: boolean }> };
    expect(health.status).toBe("ok");
    expect(health.max_concurrency).toBe(2);
    expect(health.languages).toContainEqual({ name: "python", installed: true });
    expect(health.languages.map((l) => l.name)).toEqual(expect.arrayContaining(["cpp", "java", "go", "rust", "c#", "shell", "swift", "kotlin"]));
  });
});

describe("server options", () => {
  it.each([
    [{ maxConcurrency: 0 }, "maxConcurrency must be a positive whole number, got 0"],
    [{ maxQueue: -1 }, "maxQueue must be a whole number of at least 0, got -1"],
    [{ maxSourceBytes: 1.5 }, "maxSourceBytes must be a positive whole number, got 1.5"],
    [{ maxTimeoutSeconds: Number.NaN }, "maxTimeoutSeconds must be a positive, finite number of seconds (at most 2147483), got NaN"],
    [{ maxTimeoutSeconds: Number.POSITIVE_INFINITY }, "maxTimeoutSeconds must be a positive, finite number of seconds (at most 2147483), got Infinity"],
    [{ requestTimeoutSeconds: 0 }, "requestTimeoutSeconds must be a positive, finite number of seconds (at most 2147483), got 0"],
    [{ headersTimeoutSeconds: 30, requestTimeoutSeconds: 20 }, "headersTimeoutSeconds (30) must not exceed requestTimeoutSeconds (20): the headers are part of the request"],
  ])("refuses %j", (bad, message) => {
    expect(() => createSandboxServer({ executor: pool, ...bad })).toThrow(SandboxServerConfigError);
    expect(() => createSandboxServer({ executor: pool, ...bad })).toThrow(message);
  });

  it("refuses an executor that cannot report its health", () => {
    const judgeOnly = { execute: pool.execute.bind(pool), judge: pool.judge.bind(pool) };
    expect(() => createSandboxServer({ executor: judgeOnly as unknown as ServedExecutor })).toThrow(/the executor must report its sandboxes' health/);
  });
});

describe("exposure and load", () => {
  it("refuses to bind beyond loopback without a token", () => {
    expect(() => createSandboxServer({ executor: pool, host: "0.0.0.0" })).toThrow(SandboxServerConfigError);
    expect(() => createSandboxServer({ executor: pool, host: "0.0.0.0" })).toThrow(/give a token/);
  });

  it("with a token, answers 401 to submissions without it and runs those with it", async () => {
    const { app: guarded, url: guardedUrl, urls, allInterfaces, boundTo } = await startSandboxServer({ executor: pool, host: "0.0.0.0", port: 0, token: "s3cret" });
    try {
      const port = new URL(guardedUrl).port;
      expect({ allInterfaces, boundTo, url: guardedUrl }).toEqual({ allInterfaces: true, boundTo: `0.0.0.0:${port}`, url: `http://127.0.0.1:${port}` });
      expect(urls.every((u) => u.endsWith(`:${port}`) && !u.includes("0.0.0.0"))).toBe(true);
      const body = JSON.stringify({ src_uid: "t", lang: "python", source_code: "print(1)" });
      const headers = { "content-type": "application/json" };
      const denied = await fetch(`${guardedUrl}/submit`, { method: "POST", headers, body });
      expect(denied.status).toBe(401);
      expect(((await denied.json()) as { message: string }).message).toMatch(/Authorization: Bearer/);
      const wrong = await fetch(`${guardedUrl}/submit`, { method: "POST", headers: { ...headers, authorization: "Bearer nope" }, body });
      expect(wrong.status).toBe(401);
      const allowed = await fetch(`${guardedUrl}/submit`, { method: "POST", headers: { ...headers, authorization: "Bearer s3cret" }, body });
      expect(((await allowed.json()) as SubmitResponse).exec_outcome).toBe("PASSED");
      expect((await fetch(`${guardedUrl}/health`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it("answers 503 when every slot and the whole queue are taken", async () => {
    const { app: small, url: smallUrl } = await startSandboxServer({ executor: pool, port: 0, maxConcurrency: 1, maxQueue: 1 });
    try {
      const slow = { src_uid: "slow", lang: "python", source_code: "import time\ntime.sleep(2)\n", request_extensions: { timeout: 10 } };
      const send = () => fetch(`${smallUrl}/submit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(slow) });
      const first = send();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = send();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const third = await send();
      expect(third.status).toBe(503);
      expect(third.headers.get("retry-after")).toBe("1");
      expect([(await first).status, (await second).status]).toEqual([200, 200]);
    } finally {
      await small.close();
    }
  });
});
