import { listDatasets } from "@cg/datasets";
import { listProviders } from "@cg/models";
import { listStrategies } from "@cg/strategies";
import type { Command } from "commander";
import { UsageError } from "../usage-error";

const SECTIONS = ["datasets", "strategies", "providers"] as const;
type Section = (typeof SECTIONS)[number];

export function registerList(program: Command): void {
  program
    .command("list")
    .description("list the datasets, strategies and model providers cg knows")
    .argument("[what]", `one of ${SECTIONS.join(", ")} (default: all)`)
    .action((what: string | undefined) => {
      if (what !== undefined && !(SECTIONS as readonly string[]).includes(what)) {
        throw new UsageError(`cg list takes one of ${SECTIONS.join(", ")}, got "${what}"`);
      }
      const sections = what === undefined ? SECTIONS : [what as Section];
      process.stdout.write(`${sections.map((section) => render[section]()).join("\n\n")}\n`);
    });
}

const render: Record<Section, () => string> = {
  datasets: () => table("Datasets (--dataset)", listDatasets().map((d) => [d.name, d.description])),
  strategies: () =>
    table(
      "Strategies (--strategy, options with -o key=value)",
      listStrategies().map((s) => {
        const options = Object.entries(s.defaults).filter(([key]) => !(key in s.fixed));
        const detail = options.length === 0 ? "no options" : `options: ${options.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ")}`;
        const endpoints = s.endpoints.includes("completions") ? "; also with --endpoint completions (base models)" : "";
        return [s.name, `${s.description}\n${detail}${endpoints}`];
      }),
    ),
  providers: () =>
    table(
      "Model providers (--model provider:model)",
      listProviders().map((p) => {
        const key = `${p.apiKeyEnv.join(" or ")}${p.apiKeyRequired ? "" : " (optional)"}`;
        const server = p.baseUrlRequired ? `; needs --base-url${p.baseUrlEnv ? ` or ${p.baseUrlEnv}` : ""}` : "";
        const completions = p.completionsParams ? `\n--endpoint completions takes: ${p.completionsParams.map(flagOf).join(" ")}` : "";
        return [p.name, `${p.description}\nAPI key: ${key}${server}; e.g. ${p.example}\ntakes: ${p.chatParams.map(flagOf).join(" ")}${completions}`];
      }),
    ),
};

/** The `cg run` flag of a sampling parameter: topP is --top-p. */
function flagOf(knob: string): string {
  return `--${knob.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function table(title: string, rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.flatMap(([name, text]) => text.split("\n").map((line, index) => `  ${(index === 0 ? name : "").padEnd(width)}  ${line}`));
  return [title, ...lines].join("\n");
}
