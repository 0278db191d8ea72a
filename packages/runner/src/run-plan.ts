import { createDataset, parseDatasetOptions, type Dataset, type Problem, type Suite } from "@cg/datasets";
import { DEFAULT_KS } from "@cg/metrics";
import { createChatModel, findPrice, MissingApiKeyError, parseModelSpec, type ChatModel, type ModelPrice, type RateBudget } from "@cg/models";
import { getStrategy, type Strategy } from "@cg/strategies";
import { UnknownTaskError } from "./errors";
import type { RunConfig } from "./run-config";
import { defaultRunDirectory, runId, type RunIdentity } from "./run-directory";

/** A run's configuration turned into the parts that carry it out, every name checked. */
export interface RunPlan {
  config: RunConfig;
  dataset: Dataset;
  /** The dataset as loaded: all its problems, and how to score them. */
  suite: Suite;
  /** The selected problems, in dataset order. */
  problems: Problem[];
  strategy: Strategy;
  model: ChatModel;
  /** List price of the model, for costs that do not depend on the response cache. */
  price: ModelPrice | undefined;
  identity: RunIdentity;
  runId: string;
  outDir: string;
  ks: number[];
  timeoutSeconds: number;
}

export interface PlanOptions {
  /** A budget each model request waits on right before it is sent, retries included (one shared by many processes). */
  sharedBudget?: RateBudget;
}

/**
 * Checks every name in the configuration (dataset, strategy and its options, provider, API key)
 * before anything is started, then loads and selects the problems.
 */
export async function planRun(givenConfig: RunConfig, env: Record<string, string | undefined> = process.env, options: PlanOptions = {}): Promise<RunPlan> {
  const datasetOptions = parseDatasetOptions(givenConfig.datasetOptions ?? {});
  const dataset = createDataset(givenConfig.dataset, datasetOptions);
  const definition = getStrategy(givenConfig.strategy);
  const strategy = definition.create(givenConfig.strategyOptions);
  // The strategy's own sampling (the papers' top_p and max_tokens) under what the run sets.
  const config: RunConfig = { ...givenConfig, sampling: { ...strategy.samplingDefaults, ...givenConfig.sampling } };
  const model = createModel(config, env, options.sharedBudget);
  const loadOptions = config.dataDir ? { dataDir: config.dataDir } : {};
  const suite = await dataset.load(loadOptions);
  const problems = selectProblems(dataset.name, suite, config);
  await strategy.prepare?.(loadOptions);
  const timeoutSeconds = config.timeoutSeconds ?? dataset.defaultTimeoutSeconds;
  const identity: RunIdentity = {
    dataset: dataset.name,
    ...(Object.keys(datasetOptions).length === 0 ? {} : { dataset_options: datasetOptions }),
    strategy: definition.name,
    strategy_options: { ...definition.defaults, ...config.strategyOptions },
    model: model.spec,
    sampling: config.sampling,
    n: config.n,
    problems: problems.map((p) => p.taskId),
    timeout_seconds: timeoutSeconds,
  };
  return {
    config,
    dataset,
    suite,
    problems,
    strategy,
    model,
    price: findPrice(model.provider, model.model, config.model.prices),
    identity,
    runId: runId(identity),
    outDir: config.outDir ?? defaultRunDirectory(config.resultsRoot, identity),
    ks: config.ks ?? defaultKs(config.n),
    timeoutSeconds,
  };
}

/** Of 1, 10 and 100, those the run has samples enough for. */
function defaultKs(n: number): number[] {
  return DEFAULT_KS.filter((k) => k <= n);
}

function createModel(config: RunConfig, env: Record<string, string | undefined>, sharedBudget: RateBudget | undefined): ChatModel {
  const settings = config.model;
  let apiKey: string | undefined;
  if (settings.apiKeyEnv) {
    apiKey = env[settings.apiKeyEnv]?.trim();
    if (!apiKey) throw new MissingApiKeyError(parseModelSpec(settings.spec).provider, [settings.apiKeyEnv]);
  }
  return createChatModel(settings.spec, {
    baseUrl: settings.baseUrl,
    apiKey,
    env,
    // Each sample in generation has at most one request in flight, so this bounds both.
    limits: { concurrency: config.concurrency, ...settings.limits },
    sharedBudget,
    retry: settings.retry,
    cacheDir: settings.cacheDir,
    prices: settings.prices,
    timeoutMs: settings.requestTimeoutSeconds === undefined ? undefined : settings.requestTimeoutSeconds * 1000,
    nativeSamples: settings.nativeSamples,
  });
}

function selectProblems(dataset: string, suite: Suite, config: RunConfig): Problem[] {
  let selected = [...suite.problems];
  if (config.problems) {
    const known = new Set(selected.map((p) => p.taskId));
    const wanted = new Set(
      config.problems.map((raw) => {
        const taskId = suite.normalizeTaskId(raw);
        if (!known.has(taskId)) throw new UnknownTaskError(`task "${raw}" is not in the ${dataset} dataset; check --problems`);
        return taskId;
      }),
    );
    selected = selected.filter((p) => wanted.has(p.taskId));
  }
  return config.limit === undefined ? selected : selected.slice(0, config.limit);
}
