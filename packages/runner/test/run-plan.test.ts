import type { RateBudget, RatePermit } from "@cg/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRunConfig, planRun } from "../src/index";
import { testDataDir } from "./support/data-dir";
import { startOpenAiLoopback, type OpenAiLoopback } from "./support/openai-loopback";

let server: OpenAiLoopback;

beforeAll(async () => {
  server = await startOpenAiLoopback(() => ({ text: "ok" }));
});

afterAll(async () => {
  await server?.close();
});

describe("planRun", () => {
  it("gives the run's model a shared budget that each request sent waits on", async () => {
    const events: string[] = [];
    const sharedBudget: RateBudget = {
      acquire: async (estimatedTokens): Promise<RatePermit> => {
        events.push(`acquire ${estimatedTokens}`);
        return { release: (usedTokens) => void events.push(`release ${usedTokens}`) };
      },
    };
    const config = parseRunConfig({
      dataset: "humaneval",
      strategy: "direct",
      model: { spec: "openai-compatible:loopback", baseUrl: server.baseUrl, cacheDir: false },
      limit: 1,
      dataDir: testDataDir(),
    });
    const plan = await planRun(config, {}, { sharedBudget });
    // Four characters of prompt and 1024 tokens of output estimated; one and one used.
    await plan.model.chat({ messages: [{ role: "user", content: "ping" }] });
    expect(events).toEqual(["acquire 1025", "release 2"]);
    expect(server.requests).toHaveLength(1);
  });
});
