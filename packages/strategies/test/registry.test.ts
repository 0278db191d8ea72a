import { describe, expect, it } from "vitest";
import {
  EndpointNotSupportedError,
  InvalidStrategyOptionsError,
  UnknownStrategyError,
  checkStrategyEndpoint,
  createStrategy,
  getStrategy,
  listStrategies,
  strategies,
} from "../src/index.js";

describe("strategy registry", () => {
  it("lists every strategy with its defaults", () => {
    expect(Object.keys(strategies)).toEqual([
      "direct",
      "cot",
      "self-planning",
      "analogical",
      "mapcoder",
      "codesim",
      "codesim-wd",
      "codesim-wpv",
      "codesim-wpvd",
      "codesim-a",
      "codesim-c",
      "verbatim",
    ]);
    const summaries = Object.fromEntries(listStrategies().map((summary) => [summary.name, summary]));
    expect(summaries.mapcoder?.defaults).toEqual({ k: 3, t: 5, prompts: "reference", source: "mapcoder" });
    expect(summaries.codesim?.defaults).toEqual({
      maxPlanTry: 5,
      maxDebugTry: 5,
      verifyPlan: true,
      debug: true,
      exemplars: 1,
      competitive: false,
      generatedTests: 0,
      prompts: "reference",
    });
    expect(summaries["codesim-wpvd"]?.fixed).toEqual({ verifyPlan: false, debug: false });
    expect(summaries["codesim-wpvd"]?.defaults).toMatchObject({ verifyPlan: false, debug: false });
  });

  it("says which strategies a base model on the completions endpoint can run", () => {
    const onCompletions = listStrategies().filter((summary) => summary.endpoints.includes("completions"));
    expect(onCompletions.map((summary) => summary.name)).toEqual(["verbatim"]);
    expect(listStrategies().every((summary) => summary.endpoints.includes("chat"))).toBe(true);
    expect(() => checkStrategyEndpoint(getStrategy("verbatim"), "completions")).not.toThrow();
    expect(() => checkStrategyEndpoint(getStrategy("direct"), "completions")).toThrow(EndpointNotSupportedError);
    expect(() => checkStrategyEndpoint(getStrategy("codesim"), "completions")).toThrow(
      'Strategy "codesim" needs a chat endpoint: it converses with the model, which a base model on the completions endpoint cannot do; strategies that work with the completions endpoint: verbatim.',
    );
  });

  it("finds a strategy whatever the case, dashes or underscores", () => {
    expect(createStrategy("CodeSIMWD").name).toBe("codesim-wd");
    expect(createStrategy("self_planning").name).toBe("self-planning");
    expect(createStrategy("MapCoder", { k: 5 }).name).toBe("mapcoder");
  });

  it("names the known strategies when the name is unknown", () => {
    expect(() => createStrategy("reflexion")).toThrow(UnknownStrategyError);
    expect(() => createStrategy("reflexion")).toThrow(/Unknown strategy "reflexion". Known strategies: direct, cot, .*codesim-c, verbatim\./);
  });

  it("rejects unknown options, wrong types and out-of-range values", () => {
    expect(() => createStrategy("mapcoder", { k: 0 })).toThrow(InvalidStrategyOptionsError);
    expect(() => createStrategy("mapcoder", { k: 0 })).toThrow(/Invalid options for strategy "mapcoder": k: /);
    expect(() => createStrategy("codesim", { maxPlanTry: "5" })).toThrow(/maxPlanTry/);
    expect(() => createStrategy("direct", { temperature: 1 })).toThrow(/temperature/);
    expect(() => createStrategy("direct", [])).toThrow(/options must be an object/);
  });

  it("refuses to change an option a variant fixes, and accepts restating it", () => {
    expect(() => createStrategy("codesim-wd", { debug: true })).toThrow(/"debug" is fixed to false by this variant; use the base strategy/);
    expect(createStrategy("codesim-wd", { debug: false, maxPlanTry: 2 }).name).toBe("codesim-wd");
  });
});
