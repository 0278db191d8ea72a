import { AppsDataset } from "./apps";
import { AutoCodeBenchDataset } from "./autocodebench";
import { CodeContestsDataset } from "./codecontests";
import { parseDatasetOptions, type DatasetOptionName, type DatasetOptions } from "./dataset-options";
import { DatasetOptionsError, UnknownDatasetError } from "./errors";
import { HumanEvalPlusDataset, MbppPlusDataset } from "./evalplus";
import { MULTIPLE_LANGUAGES, MultiplEDataset } from "./multipl-e";
import { XCodeEvalDataset } from "./xcodeeval";
import { LCB_RELEASES, LiveCodeBenchDataset } from "./livecodebench";
import { HumanEvalDataset } from "./humaneval";
import { HumanEvalEtDataset } from "./humaneval-et";
import { MbppDataset } from "./mbpp";
import { Mbpp397Dataset } from "./mbpp-397";
import type { Dataset } from "./types";

/** How to make a dataset, and which dataset options it honours. */
export interface DatasetEntry {
  create(options: DatasetOptions): Dataset;
  /** Options the dataset honours; `createDataset` refuses the others rather than ignore them. */
  readonly accepts: readonly DatasetOptionName[];
}

const plain = (create: () => Dataset): DatasetEntry => ({ create, accepts: [] });
/** A dataset whose problems carry contest dates, so that a window of them can be selected. */
const dated = (create: (window: DatasetOptions) => Dataset): DatasetEntry => ({ create, accepts: ["since", "until"] });

/** What a dataset must have to honour each option, for the message when it does not. */
const OPTION_NEEDS: Record<DatasetOptionName, string> = { since: "contest dates", until: "contest dates" };

/** Every dataset by the name users type; adding one is one line here plus its module. */
export const datasets: Readonly<Record<string, DatasetEntry>> = {
  humaneval: plain(() => new HumanEvalDataset()),
  mbpp: plain(() => new MbppDataset({ split: "test" })),
  "mbpp-full": plain(() => new MbppDataset({ split: "all" })),
  "mbpp-sanitized": plain(() => new MbppDataset({ sanitized: true })),
  "humaneval-plus": plain(() => new HumanEvalPlusDataset()),
  "mbpp-plus": plain(() => new MbppPlusDataset()),
  "humaneval-et": plain(() => new HumanEvalEtDataset()),
  "mbpp-397": plain(() => new Mbpp397Dataset()),
  apps: plain(() => new AppsDataset("test")),
  "apps-150": plain(() => new AppsDataset("selected150")),
  livecodebench: dated((window) => new LiveCodeBenchDataset(window)),
  codecontests: plain(() => new CodeContestsDataset("test")),
  xcodeeval: plain(() => new XCodeEvalDataset()),
  autocodebench: plain(() => new AutoCodeBenchDataset("full")),
  "autocodebench-lite": plain(() => new AutoCodeBenchDataset("lite")),
  "autocodebench-complete": plain(() => new AutoCodeBenchDataset("complete")),
  ...Object.fromEntries(Object.keys(MULTIPLE_LANGUAGES).flatMap((language) => (["humaneval", "mbpp"] as const).map((benchmark) => [`multipl-e-${benchmark}-${language}`, plain(() => new MultiplEDataset(benchmark, language))]))),
  ...Object.fromEntries(LCB_RELEASES.map((release) => [`livecodebench-${release}`, dated((window) => new LiveCodeBenchDataset({ release, ...window }))])),
};

/**
 * The dataset with this name, narrowed by `options` (e.g. a contest-date window). Options are
 * checked, and an option the dataset cannot honour is refused with DatasetOptionsError.
 */
export function createDataset(name: string, options: DatasetOptions = {}): Dataset {
  const entry = datasets[name.toLowerCase()];
  if (!entry) throw new UnknownDatasetError(name, Object.keys(datasets));
  const checked = parseDatasetOptions(options);
  const refused = (Object.keys(checked) as DatasetOptionName[]).filter((option) => !entry.accepts.includes(option));
  if (refused.length > 0) {
    const needs = [...new Set(refused.map((option) => OPTION_NEEDS[option]))].join(" and ");
    const able = Object.keys(datasets).filter((other) => refused.every((option) => datasets[other]!.accepts.includes(option)));
    throw new DatasetOptionsError(
      `${name} has no ${needs}, so ${refused.join(" and ")} cannot select its problems; datasets that have them: ${able.join(", ")}`,
    );
  }
  return entry.create(checked);
}

export function listDatasets(): Array<{ name: string; description: string }> {
  return Object.entries(datasets).map(([name, entry]) => ({ name, description: entry.create({}).description }));
}
