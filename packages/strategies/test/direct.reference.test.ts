import { type Problem } from "@cg/datasets";
import { beforeAll, describe, expect, it } from "vitest";
import { createStrategy } from "../src/index.js";
import { ScriptedChatModel } from "./support/scripted-model.js";
import { DATA_DIR, expectSameRun, referenceRecords, withTypingImport } from "./reference/differential.js";
import { loadProblems } from "./reference/load-problems.js";

let humanEval: Problem[];
let apps: Problem[];
beforeAll(async () => {
  humanEval = await loadProblems("humaneval", { dataDir: DATA_DIR });
  apps = await loadProblems("apps-150", { dataDir: DATA_DIR });
});

describe("direct, reference profile, against the authors' DirectStrategy", () => {
  it("asks what the authors' code asks on HumanEval and keeps the same code", async () => {
    const records = referenceRecords("codesim-data/HumanEval/HumanEval.jsonl", "task_id");
    for (const problem of humanEval.slice(0, 3)) {
      await expectSameRun(
        {
          repository: "codesim",
          referenceStrategy: "Direct",
          referenceDataset: "HumanEval",
          record: records.get(problem.taskId)!,
          problem,
          strategy: "direct",
          answers: ["Sure.\n```python\ndef f():\n    return 1\n```\nDone."],
        },
        withTypingImport,
      );
    }
  });

  it("asks what the authors' code asks on APPS and keeps the same code", async () => {
    const records = referenceRecords("codesim-data/APPS/selected150.jsonl", "id");
    for (const problem of apps.slice(0, 3)) {
      await expectSameRun({
        repository: "codesim",
        referenceStrategy: "Direct",
        referenceDataset: "APPS",
        record: records.get(problem.taskId.replace("APPS/", ""))!,
        problem,
        strategy: "direct",
        answers: ["```python3\nprint(input())\n```"],
      });
    }
  });

  it("sends the authors' zero penalties only where the run sets none: what the user set wins", async () => {
    const strategy = createStrategy("direct");
    await strategy.prepare?.({ dataDir: DATA_DIR });
    const model = new ScriptedChatModel(["```python\nx = 1\n```"]);
    const problem = humanEval[0]!;
    await strategy.solve({ problem, model, sampling: { presencePenalty: 1.5, temperature: 0.7 }, sampleIndex: 0, runSampleTests: async () => ({ passed: true, results: [], log: "" }) });
    expect(model.requests[0]!.params).toMatchObject({ presencePenalty: 1.5, frequencyPenalty: 0, temperature: 0.7, n: 1 });
  });
});

