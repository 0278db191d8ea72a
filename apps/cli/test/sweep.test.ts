import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDataset } from "@cg/datasets";
import { listStrategies } from "@cg/strategies";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemBook, strategyAnswer } from "../../../packages/runner/test/support/model-answers";
import { startOpenAiLoopback, type OpenAiLoopback } from "../../../packages/runner/test/support/openai-loopback";
import { runCli } from "./run-cli";

/** Strategies that debug code failing the sample tests, and so repair a wrong first answer. */
const DEBUGGING = new Set(["mapcoder", "codesim", "codesim-wpv", "codesim-a", "codesim-c"]);

let books: ProblemBook[];
let server: OpenAiLoopback;
let work: string;

beforeAll(async () => {
  books = await Promise.all(
    ["humaneval", "mbpp"].map(async (name) => {
      const suite = await createDataset(name).load();
      return new ProblemBook(suite, suite.problems.slice(0, 2));
    }),
  );
  // The first problem of each dataset is answered right at once; the second only when debugging.
  server = await startOpenAiLoopback((request) => {
    const book = books.find((b) => b.problems.some((p) => request.prompt.includes(p.prompt.trim())))!;
    const problem = book.problemIn(request.prompt);
    const first = problem === book.problems[0] ? book.rightCode(problem) : book.wrongCode(problem);
    return { text: strategyAnswer(request.prompt, problem, first, book.rightCode(problem)) };
  });
  work = mkdtempSync(join(tmpdir(), "cg-sweep-"));
});

afterAll(() => server.close());

describe("cg sweep", () => {
  it("runs every registered strategy end to end on HumanEval and MBPP, and resumes as a whole", async () => {
    const listed = listStrategies();
    const strategies = listed.map((s) => s.name);
    expect(strategies).toHaveLength(12);
    const file = join(work, "sweep.json");
    writeFileSync(
      file,
      JSON.stringify({
        datasets: ["humaneval", "mbpp"],
        // The loopback model repairs code only when shown the cg profile's failure feedback.
        strategies: listed.map(({ name, defaults }) => (DEBUGGING.has(name) && "prompts" in defaults ? { name, options: { prompts: "cg" } } : name)),
        models: [{ spec: "openai-compatible:loopback", baseUrl: server.baseUrl }],
        limit: 2,
        concurrency: 4,
        resultsRoot: join(work, "results"),
      }),
    );
    const env = { CG_CACHE_DIR: join(work, "cache") };
    const run = await runCli(["sweep", file, "--workers", "2"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const rows = run.stdout.split("\n").filter((line) => /^(humaneval|mbpp) /.test(line));
    expect(rows).toHaveLength(2 * strategies.length);
    for (const row of rows) {
      const [dataset, strategy, model, pass, samples, errors, dir] = row.split(/\s{2,}/);
      const summary = JSON.parse(readFileSync(join(dir!, "summary.json"), "utf8")) as Record<string, unknown>;
      const expected = DEBUGGING.has(strategy!) ? 1 : 0.5;
      expect({ dataset, strategy, model, pass, samples, errors, pass1: summary["pass@1"] }).toEqual({
        dataset,
        strategy,
        model: "openai-compatible:loopback",
        pass: `${(100 * expected).toFixed(2)}%`,
        samples: "2",
        errors: "0",
        pass1: expected,
      });
      expect(summary).toMatchObject({ dataset, strategy, problems: 2, model_errors: 0 });
    }

    const requests = server.requests.length;
    const again = await runCli(["sweep", file, "--workers", "2"], env);
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(requests);
    expect(again.stdout.split("\n").filter((line) => /^(humaneval|mbpp) /.test(line))).toEqual(rows);
  });

  it("reports a run that cannot start and goes on with the others, exiting 2", async () => {
    const file = join(work, "partial.json");
    writeFileSync(
      file,
      JSON.stringify({
        datasets: ["humaneval"],
        strategies: ["direct"],
        models: [
          { spec: "openai-compatible:gone", baseUrl: "http://127.0.0.1:1/v1", retry: { maxRetries: 0 }, cacheDir: false },
          { spec: "openai-compatible:loopback", baseUrl: server.baseUrl },
        ],
        limit: 1,
        resultsRoot: join(work, "partial"),
      }),
    );
    const run = await runCli(["sweep", file, "--workers", "1"], { CG_CACHE_DIR: join(work, "partial-cache") });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cg: cannot reach openai-compatible:gone at http:\/\/127.0.0.1:1\/v1/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const rows = run.stdout.split("\n").filter((line) => line.startsWith("humaneval "));
    expect(rows.map((row) => row.split(/\s{2,}/).slice(2, 4))).toEqual([
      ["openai-compatible:gone", "failed"],
      ["openai-compatible:loopback", "100.00%"],
    ]);
  });

  it("narrows every run to the contest-date window of --since/--until and the file's datasetOptions", async () => {
    const lcbServer = await startOpenAiLoopback(() => ({ text: "```python\nprint(input())\n```" }));
    try {
      const file = join(work, "window.json");
      writeFileSync(
        file,
        JSON.stringify({
          datasets: ["livecodebench-v2", "humaneval"],
          // The fixtures hold no reference sources: the cg prompt profile reads none.
          strategies: [{ name: "direct", options: { prompts: "cg" } }],
          models: [{ spec: "openai-compatible:loopback", baseUrl: lcbServer.baseUrl, cacheDir: false }],
          datasetOptions: { until: "2024-11-20" },
          dataDir: fileURLToPath(new URL("../../../packages/datasets/test/fixtures", import.meta.url)),
          resultsRoot: join(work, "window"),
        }),
      );
      const run = await runCli(["sweep", file, "--since", "2024-01-01", "--workers", "1"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/cg: humaneval has no contest dates, so since and until cannot select its problems/);
      const [lcbRow] = run.stdout.split("\n").filter((line) => line.startsWith("livecodebench-v2 "));
      const summary = JSON.parse(readFileSync(join(lcbRow!.split(/\s{2,}/).at(-1)!, "summary.json"), "utf8")) as Record<string, unknown>;
      // Contests: abc900_a 2023-08-12, 9001 2024-03-02, 1900A 2024-11-20.
      expect(summary).toMatchObject({ dataset_options: { since: "2024-01-01", until: "2024-11-20" }, problems: 1 });
      expect(lcbServer.requests).toHaveLength(1);
    } finally {
      await lcbServer.close();
    }
  });
});
