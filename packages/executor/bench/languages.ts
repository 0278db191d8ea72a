/**
 * What judging costs per sample in each installed language: the compile step, the first test run
 * and the later ones (the same binary, warm page cache), measured inside the bubblewrap sandbox.
 * Each sample is an a + b program judged on --tests tests; samples run one at a time on one
 * worker, so the figures are per-sample costs, not throughput.
 *
 *   pnpm bench:languages [--samples N] [--tests N] [--languages cpp,java,...]
 */
import { parseArgs } from "node:util";
import { ExecutionPool, findLanguage, findToolchain, LANGUAGES, type JudgeResult, type LanguageDefinition } from "../src";
import { PROGRAMS } from "../test/programs";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "5" },
    tests: { type: "string", default: "10" },
    languages: { type: "string" },
  },
});
const samples = Number(values.samples);
const testCount = Number(values.tests);

const chosen = values.languages ? values.languages.split(",").map((name) => findLanguage(name.trim())) : LANGUAGES;
/** Each language with a compiler cache also runs without it, to show what it saves. */
const languages = chosen.flatMap((language): LanguageDefinition[] =>
  language.compilerCache ? [language, { ...language, name: `${language.name} (no compiler cache)`, compilerCache: undefined }] : [language],
);

const tests = Array.from({ length: testCount }, (_, i) => ({ input: `${i} ${2 * i}\n`, expected: `${3 * i}\n` }));
/** Wide enough that a loaded machine's slow JVM or BEAM start does not abort the run. */
const limits = { wallSeconds: 20 };

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const format = (ms: number | undefined) => (ms === undefined ? "-" : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

const pool = await ExecutionPool.create({ workers: 1 });
const installed = languages.filter((language) => findToolchain(language).installed);
const timings = new Map<LanguageDefinition, Array<{ result: JudgeResult; wallMs: number }>>(installed.map((language) => [language, []]));
try {
  // One untimed sample each first: they build the compiler caches and warm the page cache.
  for (const language of installed) await pool.judge({ language, source: PROGRAMS[language.id]!.sum, tests: tests.slice(0, 1), limits });
  // Round-robin over the languages, so that other load on the machine falls on all of them alike.
  for (let i = 0; i < samples; i++) {
    for (const language of installed) {
      const started = performance.now();
      const result = await pool.judge({ language, source: PROGRAMS[language.id]!.sum, tests, limits });
      if (!result.passed) throw new Error(`${language.name}: the benchmark program did not pass: ${result.errorMessage}`);
      timings.get(language)!.push({ result, wallMs: performance.now() - started });
    }
    process.stderr.write(`round ${i + 1} of ${samples} done\n`);
  }
} finally {
  await pool.close();
}

const rows = languages.map((language) => {
  const results = timings.get(language);
  if (!results) return [language.name, "toolchain missing", "", "", "", ""];
  const compile = language.compile ? median(results.map(({ result }) => result.compile!.wallMs)) : undefined;
  const first = median(results.map(({ result }) => result.tests[0]!.wallMs));
  const later = median(results.flatMap(({ result }) => result.tests.slice(1).map((test) => test.wallMs)));
  const total = median(results.map(({ wallMs }) => wallMs));
  return [language.name, format(compile), format(first), format(later), format(total), (total / 1000 / testCount).toFixed(3)];
});

const header = ["language", "compile ms", "first run ms", "later runs ms", `sample ms (${testCount} tests)`, "s/test"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
console.log(`\nmedians over ${samples} samples of ${testCount} tests each, one worker, bubblewrap sandbox`);
