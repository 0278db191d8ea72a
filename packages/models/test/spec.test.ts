import { describe, expect, it } from "vitest";
import {
  InvalidModelSpecError,
  InvalidRequestError,
  MissingApiKeyError,
  UnknownProviderError,
  createChatModel,
  listProviders,
  parseModelSpec,
} from "../src/index.js";

describe("model spec strings", () => {
  it("splits at the first colon, keeping colons in model names", () => {
    expect(parseModelSpec("openai:gpt-4o-mini")).toEqual({ provider: "openai", model: "gpt-4o-mini" });
    expect(parseModelSpec("openai-compatible:qwen2.5-coder:7b")).toEqual({ provider: "openai-compatible", model: "qwen2.5-coder:7b" });
    expect(parseModelSpec("vllm:Qwen/Qwen3-Coder-30B-A3B-Instruct")).toEqual({ provider: "vllm", model: "Qwen/Qwen3-Coder-30B-A3B-Instruct" });
  });

  it("rejects a spec without provider or model", () => {
    for (const spec of ["gpt-4o", ":gpt-4o", "openai:", ""]) expect(() => parseModelSpec(spec)).toThrow(InvalidModelSpecError);
  });

  it("names the known providers when the provider is unknown", () => {
    expect(() => createChatModel("mistral:large", { env: {} })).toThrow(UnknownProviderError);
    expect(() => createChatModel("mistral:large", { env: {} })).toThrow(/openai, anthropic, google, groq, vllm, openai-compatible/);
  });

  it("names the environment variable to set when a key is missing", () => {
    const cases: [string, string][] = [
      ["openai:gpt-4o-mini", "OPENAI_API_KEY"],
      ["anthropic:claude-haiku-4-5", "ANTHROPIC_API_KEY"],
      ["google:gemini-2.5-flash", "GEMINI_API_KEY"],
      ["groq:llama-3.3-70b-versatile", "GROQ_API_KEY"],
    ];
    for (const [spec, variable] of cases) {
      const error = (() => {
        try {
          createChatModel(spec, { env: {} });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain(variable);
    }
  });

  it("lists every provider with its variables for a `cg list` command", () => {
    const listed = listProviders();
    expect(listed.map((provider) => provider.name)).toEqual(["openai", "anthropic", "google", "groq", "vllm", "openai-compatible"]);
    expect(listed.find((provider) => provider.name === "google")?.apiKeyEnv).toEqual(["GEMINI_API_KEY", "GOOGLE_API_KEY"]);
    expect(listed.find((provider) => provider.name === "vllm")).toMatchObject({ apiKeyRequired: false, baseUrlRequired: true, baseUrlEnv: "VLLM_BASE_URL" });
    for (const provider of listed) expect(parseModelSpec(provider.example).provider).toBe(provider.name);
  });

  it("refuses the completions endpoint where the provider has none", () => {
    expect(() => createChatModel("anthropic:claude-haiku-4-5", { apiKey: "k", completions: true })).toThrow(InvalidRequestError);
  });

  it("rejects misspelt or out-of-range sampling parameters before any request", async () => {
    const model = createChatModel("vllm:m", { baseUrl: "http://127.0.0.1:9/v1", env: {}, cacheDir: false });
    await expect(model.chat({ messages: [{ role: "user", content: "x" }], params: { temprature: 1 } as never })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(model.chat({ messages: [{ role: "user", content: "x" }], params: { n: 0 } })).rejects.toThrow(/n/);
    await expect(model.chat({ messages: [] })).rejects.toThrow(/at least one message/);
  });
});
