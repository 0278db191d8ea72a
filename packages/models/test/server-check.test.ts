import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  InvalidBaseUrlError,
  ModelNotServedError,
  ModelServerUnavailableError,
  SERVER_CHECK_TIMEOUT_MS,
  baseUrlProblem,
  checkModelServer,
  createChatModel,
} from "../src/index.js";
import { type LoopbackServer, type Reply, startLoopbackServer } from "./support/loopback-server.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const modelList = (...ids: string[]): Reply => ({ json: { object: "list", data: ids.map((id) => ({ id, object: "model", owned_by: "vllm" })) } });

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("checkModelServer", () => {
  it("passes a server that lists the model, asking GET /v1/models with the key", async () => {
    server = await startLoopbackServer(() => modelList("Qwen/Qwen3-8B", "other"));
    await checkModelServer("vllm:Qwen/Qwen3-8B", { baseUrl: server.url, env: { VLLM_API_KEY: "secret" } });
    expect(server.requests.map((request) => [request.method, request.path, request.headers.authorization])).toEqual([["GET", "/v1/models", "Bearer secret"]]);
  });

  it("names the models a server serves when it does not serve the one asked for", async () => {
    server = await startLoopbackServer(() => modelList("Qwen/Qwen3-8B"));
    const check = checkModelServer("vllm:Qwen/Qwen3-4B", { baseUrl: `${server.url}/v1`, env: {} });
    await expect(check).rejects.toBeInstanceOf(ModelNotServedError);
    await expect(check).rejects.toThrow(`The server at ${server.url}/v1 does not serve the model of vllm:Qwen/Qwen3-4B: it serves Qwen/Qwen3-8B; e.g. --model vllm:Qwen/Qwen3-8B.`);
  });

  it("passes a server that answers without a model list", async () => {
    server = await startLoopbackServer(() => ({ status: 404, text: "not found" }));
    await expect(checkModelServer("openai-compatible:llama", { baseUrl: server.url, env: {} })).resolves.toBeUndefined();
  });

  it("reports a refused key in one line", async () => {
    server = await startLoopbackServer(() => ({ status: 401, json: { error: { message: "bad key" } } }));
    const check = checkModelServer("vllm:m", { baseUrl: server.url, env: {} });
    await expect(check).rejects.toBeInstanceOf(ModelServerUnavailableError);
    await expect(check).rejects.toThrow(/refused the request \(HTTP 401: .*bad key.*\); check the API key/);
  });

  it("reports a server that is not running at once", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const started = performance.now();
    const check = checkModelServer("vllm:m", { baseUrl, env: {} });
    await expect(check).rejects.toBeInstanceOf(ModelServerUnavailableError);
    await expect(check).rejects.toThrow(new RegExp(`^cannot reach vllm:m at ${baseUrl} \\(.*ECONNREFUSED.*\\); check --base-url and that the server is running`));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("gives up on a server that does not answer within the time limit", async () => {
    expect(SERVER_CHECK_TIMEOUT_MS).toBe(2_000);
    server = await startLoopbackServer(() => ({ ...modelList("m"), delayMs: 10_000 }));
    const started = performance.now();
    const check = checkModelServer("vllm:m", { baseUrl: server.url, env: {}, timeoutMs: 300 });
    await expect(check).rejects.toThrow(/cannot reach vllm:m at .* \(no answer to GET \/models within 0.3 s\)/);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("asks nothing of providers whose models are not listed this way", async () => {
    server = await startLoopbackServer(() => modelList());
    await checkModelServer("openai:gpt-4o-mini", { baseUrl: server.url, env: { OPENAI_API_KEY: "k" } });
    expect(server.requests).toHaveLength(0);
  });
});

describe("server addresses", () => {
  it("refuses an address without its scheme, showing the fix", async () => {
    expect(baseUrlProblem("http://127.0.0.1:8000/v1")).toBeUndefined();
    expect(baseUrlProblem("localhost:8000/v1")).toBe('"localhost:8000/v1" is not an http(s) server address; write it with its scheme: http://localhost:8000/v1');
    expect(baseUrlProblem("gpu-box")).toBe('"gpu-box" is not an http(s) server address; write it with its scheme: http://gpu-box');
    expect(baseUrlProblem("ftp://host/v1")).toBe('"ftp://host/v1" is not an http(s) server address; it must start with http:// or https://');
    expect(() => createChatModel("vllm:m", { baseUrl: "localhost:8000/v1", env: {} })).toThrow(InvalidBaseUrlError);
    expect(() => createChatModel("vllm:m", { env: { VLLM_BASE_URL: "gpu:8000" } })).toThrow(/write it with its scheme: http:\/\/gpu:8000/);
    await expect(checkModelServer("vllm:m", { baseUrl: "localhost:8000", env: {} })).rejects.toBeInstanceOf(InvalidBaseUrlError);
  });
});
