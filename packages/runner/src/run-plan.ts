import { createDataset, parseDatasetOptions, type Dataset, type Problem, type Suite } from "@cg/datasets";
import { DEFAULT_KS } from "@cg/metrics";
import {
  checkModelServer,
  checkSamplingParams,
  createChatModel,
  findPrice,
  getProvider,
  MissingApiKeyError,
  ModelNotServedError,
  ModelServerUnavailableError,
  parseModelSpec,
  type ChatModel,
  type ModelOptions,
  type ModelPrice,
  type RateBudget,
} from "@cg/models";
import { checkStrategyEndpoint, getStrategy, type Strategy } from "@cg/strategies";
import { ModelUnavailableError, RunConfigError, UnknownTaskError } from "./errors";
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
  /** Whether one request returns n samples, so that the samples of a problem can share their first request. */
  nativeSamples: boolean;
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
 * Checks every name in the configuration (dataset, strategy and its options, provider, API key),
 * and that the provider takes every sampling parameter on the endpoint and the strategy works
 * with it, before anything is started; then loads and selects the problems.
 */
export async function planRun(givenConfig: RunConfig, env: Record<string, string | undefined> = process.env, options: PlanOptions = {}): Promise<RunPlan> {
  const datasetOptions = parseDatasetOptions(givenConfig.datasetOptions ?? {});
  const dataset = createDataset(givenConfig.dataset, datasetOptions);
  const definition = getStrategy(givenConfig.strategy);
  const strategy = definition.create(givenConfig.strategyOptions);
  // The strategy's own sampling (the papers' top_p and max_tokens) under what the run sets.
  const config: RunConfig = { ...givenConfig, sampling: { ...strategy.samplingDefaults, ...givenConfig.sampling } };
  checkStrategyEndpoint(definition, config.endpoint);
  checkSamplingParams(config.model.spec, config.sampling, config.endpoint);
  const model = createChatModel(config.model.spec, { ...modelOptions(config, env), sharedBudget: options.sharedBudget });
  const loadOptions = config.dataDir ? { dataDir: config.dataDir } : {};
  // The strategy reads its sources (the reference profile's) while the dataset loads.
  const [suite] = await Promise.all([dataset.load(loadOptions), strategy.prepare?.(loadOptions)]);
  const problems = selectProblems(dataset.name, suite, config);
  if (config.endpoint === "completions" && problems.some((problem) => problem.completionPrompt === undefined)) {
    throw new RunConfigError(
      `${dataset.name} has no prompt for base models, so it cannot be run on the completions endpoint; ` +
        `use the chat endpoint, or a dataset that has one (docs/datasets.md lists them)`,
    );
  }
  const timeoutSeconds = config.timeoutSeconds ?? dataset.defaultTimeoutSeconds;
  const identity: RunIdentity = {
    dataset: dataset.name,
    ...(Object.keys(datasetOptions).length === 0 ? {} : { dataset_options: datasetOptions }),
    strategy: definition.name,
    strategy_options: { ...definition.defaults, ...config.strategyOptions },
    model: model.spec,
    ...(config.endpoint === "completions" ? { endpoint: "completions" as const } : {}),
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
    nativeSamples: config.model.nativeSamples ?? getProvider(parseModelSpec(config.model.spec).provider).nativeSamples,
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

/** How the run's model is made: its settings, with the key read from the variable the configuration names. */
function modelOptions(config: RunConfig, env: Record<string, string | undefined>): ModelOptions {
  const settings = config.model;
  let apiKey: string | undefined;
  if (settings.apiKeyEnv) {
    apiKey = env[settings.apiKeyEnv]?.trim();
    if (!apiKey) throw new MissingApiKeyError(parseModelSpec(settings.spec).provider, [settings.apiKeyEnv]);
  }
  return {
    baseUrl: settings.baseUrl,
    apiKey,
    env,
    // Each sample in generation has at most one request in flight, so this bounds both.
    limits: { concurrency: config.concurrency, ...settings.limits },
    retry: settings.retry,
    cacheDir: settings.cacheDir,
    prices: settings.prices,
    timeoutMs: settings.requestTimeoutSeconds === undefined ? undefined : settings.requestTimeoutSeconds * 1000,
    completions: config.endpoint === "completions",
    nativeSamples: settings.nativeSamples,
  };
}

/**
 * Before the first sample: checks that a server the user runs (vLLM, OpenAI-compatible) answers
 * within a couple of seconds and serves the model, so that a wrong address or name stops the run
 * at once with one line (see `checkModelServer`).
 *
 * @throws ModelUnavailableError saying which.
 */
export async function checkRunServer(plan: RunPlan, env: Record<string, string | undefined> = process.env): Promise<void> {
  const { baseUrl, apiKey } = modelOptions(plan.config, env);
  try {
    await checkModelServer(plan.config.model.spec, { baseUrl, apiKey, env });
  } catch (error) {
    if (error instanceof ModelServerUnavailableError || error instanceof ModelNotServedError) throw new ModelUnavailableError(error.message, { cause: error });
    throw error;
  }
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
