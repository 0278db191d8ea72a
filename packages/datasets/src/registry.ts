import { UnknownDatasetError } from "./errors";
import { HumanEvalPlusDataset, MbppPlusDataset } from "./evalplus";
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
};

export function createDataset(name: string): Dataset {
  const factory = datasets[name.toLowerCase()];
  if (!factory) throw new UnknownDatasetError(name, Object.keys(datasets));
  return factory();
}

export function listDatasets(): Array<{ name: string; description: string }> {
  return Object.entries(datasets).map(([name, factory]) => ({ name, description: factory().description }));
}
