import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createDataset, DatasetOptionsError, isCalendarDay, parseDatasetOptions } from "../src";

const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

describe("dataset options", () => {
  it("reach the dataset through the registry", async () => {
    const windowed = createDataset("livecodebench-v2", { since: "2024-01-01", until: "2024-06-01" });
    expect(windowed.name).toBe("livecodebench-v2");
    expect(windowed.description).toBe("LiveCodeBench code generation, release_v2 (contests 2024-01-01 to 2024-06-01)");
    expect((await windowed.load({ dataDir: fixtures })).problems.map((p) => p.taskId)).toEqual(["9001"]);
    expect((await createDataset("LiveCodeBench-v2", {}).load({ dataDir: fixtures })).problems.map((p) => p.taskId)).toEqual(["abc900_a", "9001", "1900A"]);
  });

  it("are refused by a dataset that cannot honour them, naming those that can", () => {
    expect(() => createDataset("humaneval", { since: "2024-01-01" })).toThrow(DatasetOptionsError);
    expect(() => createDataset("mbpp", { since: "2024-01-01", until: "2024-02-01" })).toThrow(
      /^mbpp has no contest dates, so since and until cannot select its problems; datasets that have them: livecodebench, livecodebench-v1, .*livecodebench-v6$/,
    );
    expect(() => createDataset("humaneval", {})).not.toThrow();
  });

  it("are checked: days that exist, in order, and no unknown option", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2023-02-29")).toBe(false);
    expect(isCalendarDay("2024-1-05")).toBe(false);
    expect(parseDatasetOptions({ since: "2024-01-01", until: undefined })).toEqual({ since: "2024-01-01" });
    expect(() => parseDatasetOptions({ since: "2024-05-01", until: "2024-01-01" })).toThrow(/^invalid dataset options: until: the contest-date window is empty/);
    expect(() => parseDatasetOptions({ after: "2024-01-01" })).toThrow(/invalid dataset options: .*after/);
    expect(() => createDataset("livecodebench", { since: "yesterday" })).toThrow(/invalid dataset options: since: must be a day written YYYY-MM-DD/);
  });
});
