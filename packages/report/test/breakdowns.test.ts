import { describe, expect, it } from "vitest";
import { metadataBreakdowns } from "../src/breakdowns";
import type { ReportProblem } from "../src/report-model";

function problems(metadata: Array<ReportProblem["metadata"]>): ReportProblem[] {
  return metadata.map((m, i) => ({ dataset: "d", taskId: `d/${i}`, prompt: null, metadata: m }));
}

describe("metadataBreakdowns", () => {
  it("groups by category in order of first appearance", () => {
    const [breakdown] = metadataBreakdowns(problems([{ platform: "leetcode" }, { platform: "atcoder" }, { platform: "leetcode" }, {}]));
    expect(breakdown).toEqual({
      key: "platform",
      kind: "category",
      groups: [
        { label: "leetcode", problems: [0, 2] },
        { label: "atcoder", problems: [1] },
      ],
    });
  });

  it("orders difficulty words from easiest, and splits AutoCodeBench by language and difficulty", () => {
    const [byDifficulty, byLanguage] = metadataBreakdowns(
      problems([
        { language: "python", difficulty: "hard" },
        { language: "kotlin", difficulty: "easy" },
        { language: "python", difficulty: "medium" },
        { language: "racket", difficulty: "easy" },
      ]),
    );
    expect(byDifficulty).toEqual({
      key: "difficulty",
      kind: "category",
      groups: [
        { label: "easy", problems: [1, 3] },
        { label: "medium", problems: [2] },
        { label: "hard", problems: [0] },
      ],
    });
    expect(byLanguage!.key).toBe("language");
    expect(byLanguage!.groups.map((g) => [g.label, g.problems.length])).toEqual([
      ["python", 2],
      ["kotlin", 1],
      ["racket", 1],
    ]);
  });

  it("counts a problem under each of its comma-separated tags, most common first", () => {
    const [breakdown] = metadataBreakdowns(problems([{ tags: "dp, math" }, { tags: "math" }, { tags: "greedy,math" }]));
    expect(breakdown).toMatchObject({ key: "tags", kind: "tag" });
    expect(breakdown!.groups).toEqual([
      { label: "math", problems: [0, 1, 2] },
      { label: "dp", problems: [0] },
      { label: "greedy", problems: [2] },
    ]);
  });

  it("bins many distinct numbers into ranges of a round width", () => {
    const ratings = Array.from({ length: 40 }, (_, i) => ({ rating: 800 + 50 * i }));
    const [breakdown] = metadataBreakdowns(problems(ratings));
    expect(breakdown!.kind).toBe("range");
    // 800 to 2750 over 8 bins: width 243.75, rounded up to 500.
    expect(breakdown!.groups.map((g) => g.label)).toEqual(["500–1000", "1000–1500", "1500–2000", "2000–2500", "2500–3000"]);
    expect(breakdown!.groups.map((g) => g.problems.length)).toEqual([4, 10, 10, 10, 6]);
    // Few distinct numbers stay categories, in numeric order.
    const [levels] = metadataBreakdowns(problems([{ level: 3 }, { level: 1 }, { level: 2 }, { level: 1 }]));
    expect(levels!.groups.map((g) => g.label)).toEqual(["1", "2", "3"]);
  });

  it("groups dates by month in time order, and by year over a long span", () => {
    const [byMonth] = metadataBreakdowns(problems([{ contest_date: "2024-03-02" }, { contest_date: "2023-11-30T10:00:00" }, { contest_date: "2024-03-20" }]));
    expect(byMonth).toEqual({ key: "contest_date", kind: "date", groups: [{ label: "2023-11", problems: [1] }, { label: "2024-03", problems: [0, 2] }] });
    const years = Array.from({ length: 50 }, (_, i) => ({ contest_date: `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01` }));
    expect(metadataBreakdowns(problems(years))[0]!.groups.map((g) => g.label)).toEqual(["2010", "2011", "2012", "2013", "2014"]);
  });

  it("gives nothing for keys that do not split the problems", () => {
    expect(metadataBreakdowns(problems([{ source: "a" }, { source: "a" }]))).toEqual([]);
    expect(metadataBreakdowns(problems(Array.from({ length: 40 }, (_, i) => ({ title: `t${i}` }))))).toEqual([]);
    expect(metadataBreakdowns(problems([{}, {}]))).toEqual([]);
  });
});
