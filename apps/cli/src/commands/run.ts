import { join } from "node:path";
import {
  formatSummaryTable,
  LocalEngine,
  parseRunConfig,
  RESULTS_FILE,
  SUMMARY_FILE,
  type Engine,
  type RunConfig,
  type RunConfigInput,
  type RunProgress,
  type RunSummary,
} from "@cg/runner";
import type { Command } from "commander";
import { collectKeyValue, parseChoice, parseKs, parseList, parseNonNegativeInt, parsePositiveInt, parsePositiveNumber, parsePromptProfile, parseSandbox } from "../options";
import { datasetOptionsFrom, sinceFlag, untilFlag } from "../dataset-option-flags";
import { addSamplingFlags, samplingFrom, type SamplingFlags } from "../sampling-flags";
import { ProgressBar, RecheckBar } from "../progress-bar";
import { withQueueModule } from "../queue-module";
import { reportInto } from "./report";

interface RunFlags extends SamplingFlags {
  model: string;
  endpoint: "chat" | "completions";
  baseUrl?: string;
  apiKeyEnv?: string;
  dataset: string;
  since?: string;
  until?: string;
  strategy: string;
  option?: Record<string, unknown>;
  n: number;
  k?: number[];
  concurrency: number;
  workers?: number;
  limit?: number;
  problems?: string[];
  timeout?: number;
  out?: string;
  resultsDir: string;
  dataDir?: string;
  sandbox: "bubblewrap" | "process";
  cache: boolean;
  cacheDir?: string;
  maxRetries?: number;
  retryDelay?: number;
  requestTimeout?: number;
  queue?: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  recheck?: boolean;
  prompts?: string;
}

export function registerRun(program: Command): void {
  const command = program
    .command("run")
    .description("generate code with a model and a strategy for a dataset's problems, then score it; rerun to resume")
    .requiredOption("--model <spec>", "provider:model, e.g. openai:gpt-4o-mini or openai-compatible:NAME (see: cg list providers)")
    .requiredOption("--dataset <name>", "dataset to run (see: cg list datasets)")
    .addOption(sinceFlag())
    .addOption(untilFlag())
    .option("--strategy <name>", "prompting strategy (see: cg list strategies)", "direct")
    .option("-o, --option <key=value>", "a strategy option, e.g. -o maxPlanTry=3 (repeatable)", collectKeyValue("--option"))
    .option("--prompts <profile>", "reference: the strategy as its authors' code runs it (default); cg: the project's own prompts", parsePromptProfile)
    .option("--base-url <url>", "server address (needed for vllm and openai-compatible)")
    .option("--api-key-env <var>", "environment variable holding the API key (default: the provider's own)")
    .option(
      "--endpoint <endpoint>",
      "chat, or completions for a base model continuing each problem's prompt for base models (with --strategy verbatim)",
      parseChoice("--endpoint", ["chat", "completions"] as const),
      "chat",
    )
    .option("--n <count>", "samples per problem; one request asks for all of them where the server takes n", parsePositiveInt("--n"), 1)
    .option("--k <list>", "pass@k values to report (default: those of 1,10,100 not above n)", parseKs);
  addSamplingFlags(command)
    .option("--concurrency <count>", "model requests in flight, and samples generated at once (n times as many where a problem's samples share their first request)", parsePositiveInt("--concurrency"), 8)
    .option("--workers <count>", "parallel sandboxes for tests (default: number of cores)", parsePositiveInt("--workers"))
    .option("--limit <count>", "run only the first N (selected) problems", parsePositiveInt("--limit"))
    .option("--problems <ids>", "comma-separated task ids to run, e.g. HumanEval/0,HumanEval/5", parseList("--problems"))
    .option("--timeout <seconds>", "per-program time limit (default: the dataset's reference limit)", parsePositiveNumber("--timeout"))
    .option("--out <dir>", "run directory (default: <results-dir>/<dataset>/<strategy>/<model>/<params>/<run id>)")
    .option("--results-dir <dir>", "where default run directories are made", "results")
    .option("--data-dir <dir>", "local dataset mirror (default: $CG_DATA_DIR, else download into the cache)")
    .option("--sandbox <kind>", "bubblewrap, or the weaker process sandbox", parseSandbox, "bubblewrap")
    .option("--cache-dir <dir>", "model response cache (default: $CG_CACHE_DIR/responses, else .cg-cache/responses)")
    .option("--no-cache", "do not cache model responses")
    .option("--max-retries <count>", "retries of a failed model request (default: 6)", parseNonNegativeInt("--max-retries"))
    .option("--retry-delay <ms>", "first retry delay, doubled each retry (default: 1000)", parseNonNegativeInt("--retry-delay"))
    .option("--request-timeout <seconds>", "time limit of one model request (default: 600)", parsePositiveNumber("--request-timeout"))
    .option("--requests-per-minute <count>", "model requests per minute, across all workers of a queue", parsePositiveNumber("--requests-per-minute"))
    .option("--tokens-per-minute <count>", "model tokens (prompt and output) per minute, across all workers of a queue", parsePositiveNumber("--tokens-per-minute"))
    .option("--recheck", "judge every verdict near the time limit once more, alone, at the end of the run (default)")
    .option("--no-recheck", "do not judge verdicts near the time limit again")
    .option("--queue <url>", "enqueue the run on this Redis (redis://HOST:PORT) for cg worker processes, instead of running it here")
    .action(async (flags: RunFlags) => {
      const config = parseRunConfig(runConfigFrom(flags), "command line");
      const { queue } = flags;
      if (queue === undefined) await runOn(new LocalEngine({ sandbox: { kind: flags.sandbox, workers: flags.workers } }), config);
      else await withQueueModule(({ QueuedEngine }) => runOn(new QueuedEngine({ url: queue }), config));
    });
}

function runConfigFrom(flags: RunFlags): RunConfigInput {
  const retry = {
    ...(flags.maxRetries === undefined ? {} : { maxRetries: flags.maxRetries }),
    ...(flags.retryDelay === undefined ? {} : { baseDelayMs: flags.retryDelay }),
  };
  const datasetOptions = datasetOptionsFrom(flags);
  return {
    dataset: flags.dataset,
    ...(Object.keys(datasetOptions).length === 0 ? {} : { datasetOptions }),
    strategy: flags.strategy,
    strategyOptions: { ...flags.option, ...(flags.prompts === undefined ? {} : { prompts: flags.prompts }) },
    endpoint: flags.endpoint,
    model: {
      spec: flags.model,
      ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }),
      ...(flags.apiKeyEnv === undefined ? {} : { apiKeyEnv: flags.apiKeyEnv }),
      ...(Object.keys(retry).length === 0 ? {} : { retry }),
      ...(flags.requestTimeout === undefined ? {} : { requestTimeoutSeconds: flags.requestTimeout }),
      ...(flags.requestsPerMinute === undefined && flags.tokensPerMinute === undefined ? {} : { limits: limitsFrom(flags) }),
      ...(flags.cache ? (flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }) : { cacheDir: false }),
    },
    sampling: samplingFrom(flags),
    n: flags.n,
    ...(flags.k === undefined ? {} : { ks: flags.k }),
    ...(flags.problems === undefined ? {} : { problems: flags.problems }),
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
    ...(flags.timeout === undefined ? {} : { timeoutSeconds: flags.timeout }),
    ...(flags.recheck === undefined ? {} : { recheck: flags.recheck }),
    concurrency: flags.concurrency,
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.out === undefined ? {} : { outDir: flags.out }),
    resultsRoot: flags.resultsDir,
  };
}

function limitsFrom(flags: RunFlags): { requestsPerMinute?: number; tokensPerMinute?: number } {
  return {
    ...(flags.requestsPerMinute === undefined ? {} : { requestsPerMinute: flags.requestsPerMinute }),
    ...(flags.tokensPerMinute === undefined ? {} : { tokensPerMinute: flags.tokensPerMinute }),
  };
}

async function runOn(engine: Engine, config: RunConfig): Promise<void> {
  try {
    await runWithProgress(engine, config);
  } finally {
    await engine.close();
  }
}

/** Runs one configuration with a live progress line, then prints its summary and where it is. */
export async function runWithProgress(engine: Engine, config: RunConfig): Promise<{ summary: RunSummary; outDir: string }> {
  const bar = new ProgressBar(`${config.strategy} · ${config.dataset}`);
  const recheckBar = new RecheckBar();
  let outDir = "";
  const summary = await engine.run(config, {
    onStart: (start) => {
      outDir = start.outDir;
      if (start.resumed > 0) process.stderr.write(`resuming ${outDir}: ${start.resumed} of ${start.total} samples already done\n`);
    },
    onProgress: (progress) => bar.update(progress, progressDetails(progress)),
    onRecheck: (progress) => {
      bar.finish();
      recheckBar.update(progress);
    },
    onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  bar.finish();
  recheckBar.finish();
  process.stdout.write(`${formatSummaryTable(summary)}\n\n`);
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`results: ${join(outDir, RESULTS_FILE)}\nsummary: ${join(outDir, SUMMARY_FILE)}\n`);
  await reportInto(outDir, config.dataDir === undefined ? {} : { dataDir: config.dataDir });
  return { summary, outDir };
}

/** The run-specific part of the progress line: problems done, pass rate of scored samples, tokens, cost, model errors. */
export function progressDetails(progress: RunProgress): string[] {
  const scored = progress.done - progress.modelErrors;
  const details = [
    `problems ${progress.problemsDone}/${progress.problems}`,
    `passed ${scored > 0 ? ((100 * progress.passed) / scored).toFixed(1) : "0.0"}%`,
    `${formatCount(progress.tokensIn + progress.tokensOut)} tokens`,
  ];
  if (progress.costUsd !== null) details.push(`$${progress.costUsd.toFixed(progress.costUsd < 1 ? 4 : 2)}`);
  if (progress.modelErrors > 0) details.push(`${progress.modelErrors} model errors`);
  return details;
}

function formatCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(1)}k`;
  return `${(count / 1_000_000).toFixed(2)}M`;
}
