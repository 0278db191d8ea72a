import type { DatasetOptions } from "@cg/datasets";
import { Option } from "commander";
import { parseDay } from "./options";

/*
 * The flags that narrow a dataset, one per field of `DatasetOptions`, shared by the commands
 * that load one. Which datasets honour them is the dataset registry's business.
 */

export function sinceFlag(): Option {
  return new Option("--since <YYYY-MM-DD>", "only problems whose contest took place on or after this day (datasets with contest dates: livecodebench*)").argParser(
    parseDay("--since"),
  );
}

export function untilFlag(): Option {
  return new Option("--until <YYYY-MM-DD>", "only problems whose contest took place before this day").argParser(parseDay("--until"));
}

/** The dataset options given on the command line; none when no such flag was given. */
export function datasetOptionsFrom(flags: { since?: string; until?: string }): DatasetOptions {
  return {
    ...(flags.since === undefined ? {} : { since: flags.since }),
    ...(flags.until === undefined ? {} : { until: flags.until }),
  };
}
