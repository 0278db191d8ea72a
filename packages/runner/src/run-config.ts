import { readFileSync } from "node:fs";
import { datasetOptionsSchema } from "@cg/datasets";
import { baseUrlProblem, samplingParamsSchema } from "@cg/models";
import { getStrategy, UnknownStrategyError } from "@cg/strategies";
import { z } from "zod";
import { RunConfigError } from "./errors";

const retrySchema = z.strictObject({
  /** Retries after the first attempt. */
  maxRetries: z.number().int().min(0).optional(),
  baseDelayMs: z.number().int().min(0).optional(),
  maxDelayMs: z.number().int().min(0).optional(),
});

const limitsSchema = z.strictObject({
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
});

const priceSchema = z.strictObject({
  input: z.number().min(0),
  output: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
});

/** How to reach a model. None of it changes what a run measures, so none of it is part of the run's identity. */
export const modelSettingsSchema = z.strictObject({
  /** "provider:model", e.g. "openai:gpt-4o-mini". */
  spec: z.string().min(1),
  baseUrl: z
    .string()
    .superRefine((url, ctx) => {
      const problem = baseUrlProblem(url);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** Environment variable holding the API key, when not the provider's usual one. Keys themselves are never stored. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
    .optional(),
  retry: retrySchema.optional(),
  /** Per-attempt timeout of a model request. */
  requestTimeoutSeconds: z.number().positive().optional(),
  limits: limitsSchema.optional(),
  /** USD per million tokens, keyed "provider:model". */
  prices: z.record(z.string(), priceSchema).optional(),
  /** Whether one request returns n samples (overrides the provider's default). */
  nativeSamples: z.boolean().optional(),
  /** Response cache directory; false disables the cache. Default: $CG_CACHE_DIR/responses, else .cg-cache/responses. */
  cacheDir: z.union([z.string().min(1), z.literal(false)]).optional(),
});
export type ModelSettings = z.infer<typeof modelSettingsSchema>;

/** Sampling parameters of every model call; `n` is the run's own setting. */
const samplingSchema = samplingParamsSchema.omit({ n: true });

/** Temperature used when none is given: greedy for one sample, the usual 0.8 of pass@k studies for several. */
export const DEFAULT_TEMPERATURE_SINGLE = 0;
export const DEFAULT_TEMPERATURE_MANY = 0.8;

const runFields = {
  /** Options that narrow the dataset, such as LiveCodeBench's contest-date window `{ since, until }`. */
  datasetOptions: datasetOptionsSchema.optional(),
  sampling: samplingSchema.default({}),
  /**
   * `chat`, or `completions`: the model is a base model, which continues each problem's prompt
   * for base models (see docs/datasets.md) on the plain completions endpoint.
   */
  endpoint: z.enum(["chat", "completions"]).default("chat"),
  /** Samples per problem. */
  n: z.number().int().min(1).default(1),
  /** pass@k values to report; default: those of 1, 10, 100 that do not exceed n. */
  ks: z.array(z.number().int().min(1)).min(1).optional(),
  /** Task ids to run (the dataset's ids or the forms its samples files use); default: every problem. */
  problems: z.array(z.string().min(1)).min(1).optional(),
  /** Run only the first `limit` of the selected problems. */
  limit: z.number().int().min(1).optional(),
  /** Per-program time limit when testing; default: the dataset's reference limit. */
  timeoutSeconds: z.number().positive().optional(),
  /** Judge every verdict near the time limit once more, alone, at the end of the run (see docs/runner.md). */
  recheck: z.boolean().default(true),
  /**
   * Model requests in flight, and samples being generated at once (n times as many where the
   * samples of a problem share their first request).
   */
  concurrency: z.number().int().min(1).default(8),
  /** Local dataset mirror; default: $CG_DATA_DIR, else downloaded into the cache. */
  dataDir: z.string().min(1).optional(),
  /** Where default run directories are made. */
  resultsRoot: z.string().min(1).default("results"),
};

export const runConfigSchema = z
  .strictObject({
    dataset: z.string().min(1),
    strategy: z.string().min(1),
    strategyOptions: z.record(z.string(), z.unknown()).default({}),
    model: modelSettingsSchema,
    ...runFields,
    /** The run directory; default: <resultsRoot>/<dataset>/<strategy>/<model>/<params>/<run id>. */
    outDir: z.string().min(1).optional(),
  })
  .superRefine(checkTemperature)
  .transform(withDefaultTemperature);

export type RunConfigInput = z.input<typeof runConfigSchema>;
export type RunConfig = z.output<typeof runConfigSchema>;

const strategyEntrySchema = z.union([
  z.string().min(1).transform((name) => ({ name, options: {} as Record<string, unknown> })),
  z.strictObject({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }),
]);

/** A sweep: every dataset × strategy × model, each a run of its own with the shared settings. */
export const sweepConfigSchema = z
  .strictObject({
    datasets: z.array(z.string().min(1)).min(1),
    strategies: z.array(strategyEntrySchema).min(1),
    models: z.array(z.union([z.string().min(1).transform((spec) => ({ spec })), modelSettingsSchema])).min(1),
    /** The prompt profile of every strategy that has one, unless the strategy's options set it. */
    prompts: z.enum(["reference", "cg"]).optional(),
    ...runFields,
  })
  .superRefine(checkTemperature);

export type SweepConfigInput = z.input<typeof sweepConfigSchema>;
export type SweepConfig = z.output<typeof sweepConfigSchema>;

function checkTemperature(config: { n: number; sampling: { temperature?: number | undefined } }, ctx: z.RefinementCtx): void {
  if (config.n > 1 && config.sampling.temperature === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["sampling", "temperature"],
      message: `${config.n} samples at temperature 0 would be copies of one another; use a temperature above 0 (e.g. 0.8) or n = 1`,
    });
  }
}

function withDefaultTemperature<T extends { n: number; sampling: { temperature?: number | undefined } }>(config: T): T {
  if (config.sampling.temperature !== undefined) return config;
  const temperature = config.n > 1 ? DEFAULT_TEMPERATURE_MANY : DEFAULT_TEMPERATURE_SINGLE;
  return { ...config, sampling: { ...config.sampling, temperature } };
}

/** Validates a run's configuration, from a command line or a program. */
export function parseRunConfig(input: unknown, source = "run configuration"): RunConfig {
  return parseWith(runConfigSchema, input, source);
}

/** The runs of a sweep, in dataset, strategy, model order. */
export function expandSweep(sweep: SweepConfig, source = "sweep file"): RunConfig[] {
  const { datasets, strategies, models, prompts, ...shared } = sweep;
  const optionsOf = (strategy: { name: string; options: Record<string, unknown> }) =>
    prompts !== undefined && hasPromptProfile(strategy.name) ? { prompts, ...strategy.options } : strategy.options;
  return datasets.flatMap((dataset) =>
    strategies.flatMap((strategy) =>
      models.map((model) => parseRunConfig({ ...shared, dataset, strategy: strategy.name, strategyOptions: optionsOf(strategy), model }, source)),
    ),
  );
}

/** Whether a strategy comes from a paper and so has a prompt profile; an unknown name is left for planning to report. */
function hasPromptProfile(name: string): boolean {
  try {
    return "prompts" in getStrategy(name).defaults;
  } catch (error) {
    if (error instanceof UnknownStrategyError) return false;
    throw error;
  }
}

/** Reads and validates a sweep file (JSON). */
export function loadSweepFile(path: string): SweepConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new RunConfigError(`cannot read the sweep file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RunConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseWith(sweepConfigSchema, raw, path);
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown, source: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
  throw new RunConfigError(`invalid ${source}: ${problems.join("; ")}`);
}
