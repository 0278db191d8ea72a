/**
 * What the judge's hardening costs: the same 1,640-sample HumanEval workload as bench:exec,
 * scored by this executor and by an earlier build of it (`--baseline`, the path of that build's
 * dist/index.js), alternating which goes first, in one run on one machine.
 *
 *   git worktree add /tmp/cg-before <commit> && (cd /tmp/cg-before && pnpm install && pnpm turbo build --filter @cg/executor)
 *   pnpm --filter @cg/datasets exec tsx bench/judge-hardening-cost.ts --baseline /tmp/cg-before/packages/executor/dist/index.js
 *
 * An earlier build takes each program as one text, so the baseline gets the candidate and its
 * tests joined, as that build's datasets sent them.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { ExecutionPool, type Executor } from "@cg/executor";
import { HumanEvalDataset } from "../src/humaneval";
import type { Candidate, Problem } from "../src/types";
import { joinedProgram } from "../src/verdict";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    pairs: { type: "string", default: "3" },
    workers: { type: "string", default: String(availableParallelism()) },
    "data-dir": { type: "string" },
  },
});
if (!values.baseline) {
  console.error("--baseline PATH is required: the dist/index.js of an earlier @cg/executor build");
  process.exit(2);
}
const workers = Number(values.workers);

type Pool = Executor & { close(): Promise<void> };
type PoolFactory = (options: { workers: number }) => Promise<Pool>;
const baselineModule = (await import(values.baseline)) as { ExecutionPool: { create: PoolFactory } };

const suite = await new HumanEvalDataset().load({ dataDir: values["data-dir"] });
const work = suite.problems.flatMap((problem, i) => {
  const canonical = suite.canonical(problem)!;
  return Array.from({ length: 10 }, (_, j): [Problem, Candidate] => {
    if (j === 7 || j === 8) return [problem, { kind: "completion", code: "    return None\n" }];
    if (j === 9 && i % 4 === 0) return [problem, { kind: "completion", code: "    return (\n" }];
    return [problem, canonical];
  });
});

/** Scores the workload; `joined` sends each program as one text (the baseline's protocol). */
async function scoreAll(pool: Pool, joined: boolean, items: Array<[Problem, Candidate]>): Promise<{ seconds: number; passed: number }> {
  let next = 0;
  let passed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers * 2 }, async () => {
      while (next < items.length) {
        const [problem, candidate] = items[next++]!;
        const program = suite.program(problem, candidate);
        const request = joined ? { language: "python", source: joinedProgram(program) } : { language: "python", source: program.source, tests: program.tests };
        if ((await pool.execute({ ...request, limits: { wallSeconds: 3 } })).passed) passed++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, passed };
}

async function measure(name: string, create: PoolFactory, joined: boolean): Promise<number> {
  const pool = await create({ workers });
  try {
    await scoreAll(pool, joined, work.slice(0, 40));
    const { seconds, passed } = await scoreAll(pool, joined, work);
    const rate = work.length / seconds;
    console.log(`  ${name.padEnd(9)} ${rate.toFixed(1).padStart(6)} samples/s  (${passed} of ${work.length} passed, ${seconds.toFixed(1)} s)`);
    return rate;
  } finally {
    await pool.close();
  }
}

console.log(`machine: ${availableParallelism()} cores; ${workers} sandboxed workers; ${work.length} HumanEval samples per measurement`);
const ratios: number[] = [];
for (let pair = 0; pair < Number(values.pairs); pair++) {
  console.log(`pair ${pair + 1}`);
  const order: Array<[string, PoolFactory, boolean]> = [
    ["hardened", (o) => ExecutionPool.create(o), false],
    ["baseline", (o) => baselineModule.ExecutionPool.create(o), true],
  ];
  if (pair % 2 === 1) order.reverse();
  const rates = new Map<string, number>();
  for (const [name, create, joined] of order) rates.set(name, await measure(name, create, joined));
  const ratio = rates.get("hardened")! / rates.get("baseline")!;
  ratios.push(ratio);
  console.log(`  hardened / baseline: ${ratio.toFixed(3)}`);
}
ratios.sort((a, b) => a - b);
console.log(`median hardened / baseline over ${ratios.length} pairs: ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)}`);
