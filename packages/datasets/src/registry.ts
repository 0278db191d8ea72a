import { AppsDataset } from "./apps";
import { AutoCodeBenchDataset } from "./autocodebench";
import { CodeContestsDataset } from "./codecontests";
import { UnknownDatasetError } from "./errors";
import { HumanEvalPlusDataset, MbppPlusDataset } from "./evalplus";
import { MULTIPLE_LANGUAGES, MultiplEDataset } from "./multipl-e";
import { XCodeEvalDataset } from "./xcodeeval";
import { LCB_RELEASES, LiveCodeBenchDataset } from "./livecodebench";
import { HumanEvalDataset } from "./humaneval";
import { HumanEvalEtDataset } from "./humaneval-et";
import { MbppDataset } from "./mbpp";
import { Mbpp397Dataset } from "./mbpp-397";
import type { Dataset } from "./types";

/** Every dataset by the name users type; adding one is one line here plus its module. */
export const datasets: Readonly<Record<string, () => Dataset>> = {
  humaneval: () => new HumanEvalDataset(),
  mbpp: () => new MbppDataset({ split: "test" }),
  "mbpp-full": () => new MbppDataset({ split: "all" }),
  "mbpp-sanitized": () => new MbppDataset({ sanitized: true }),
  "humaneval-plus": () => new HumanEvalPlusDataset(),
  "mbpp-plus": () => new MbppPlusDataset(),
  "humaneval-et": () => new HumanEvalEtDataset(),
  "mbpp-397": () => new Mbpp397Dataset(),
  apps: () => new AppsDataset("test"),
  "apps-150": () => new AppsDataset("selected150"),
  livecodebench: () => new LiveCodeBenchDataset(),
  codecontests: () => new CodeContestsDataset("test"),
  xcodeeval: () => new XCodeEvalDataset(),
  autocodebench: () => new AutoCodeBenchDataset("full"),
  "autocodebench-lite": () => new AutoCodeBenchDataset("lite"),
  "autocodebench-complete": () => new AutoCodeBenchDataset("complete"),
  ...Object.fromEntries(Object.keys(MULTIPLE_LANGUAGES).flatMap((language) => (["humaneval", "mbpp"] as const).map((benchmark) => [`multipl-e-${benchmark}-${language}`, () => new MultiplEDataset(benchmark, language)]))),
  ...Object.fromEntries(LCB_RELEASES.map((release) => [`livecodebench-${release}`, () => new LiveCodeBenchDataset({ release })])),
};

export function createDataset(name: string): Dataset {
  const factory = datasets[name.toLowerCase()];
  if (!factory) throw new UnknownDatasetError(name, Object.keys(datasets));
  return factory();
}

export function listDatasets(): Array<{ name: string; description: string }> {
  return Object.entries(datasets).map(([name, factory]) => ({ name, description: factory().description }));
}
