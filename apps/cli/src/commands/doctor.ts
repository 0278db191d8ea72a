import { execFile } from "node:child_process";
import { ExecutionPool, findExecutable, findToolchain, installHint, LANGUAGES, toolchainVersion, type LanguageDefinition } from "@cg/executor";
import type { Command } from "commander";

/** First line of a command's version output, or undefined when it cannot be run. */
function versionOf(path: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      const line = `${stdout}\n${stderr}`.split("\n").find((text) => text.trim() !== "");
      resolve(error && !line ? undefined : line?.trim());
    });
  });
}

/** Whether a bubblewrap sandbox starts and runs a program here, or why not. */
async function sandboxWorks(): Promise<string> {
  try {
    const pool = await ExecutionPool.create({ workers: 1 });
    try {
      const result = await pool.execute({ language: "python", source: "assert 1 + 1 == 2" });
      if (!result.passed) return `runs, but a trivial program got ${result.status}`;
      return pool.health().memoryAccounting === "cgroup"
        ? "works; memory limited per program (cgroups)"
        : "works; memory limited per process only (per-program cgroups need root and cgroup v1 memory and pids controllers)";
    } finally {
      await pool.close();
    }
  } catch (error) {
    return `fails: ${(error as Error).message}`;
  }
}

async function languageRow(language: LanguageDefinition): Promise<string[]> {
  const toolchain = findToolchain(language);
  if (!toolchain.installed) {
    return [language.id, language.name, `missing: ${toolchain.missing.join(", ")}`, installHint(language)];
  }
  return [language.id, language.name, (await toolchainVersion(language)) ?? "installed (version unknown)", ""];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check the sandbox and list which languages' toolchains are installed")
    .action(async () => {
      const bwrap = findExecutable("bwrap");
      const python = findExecutable("python3", "/usr/local/bin:/usr/bin:/bin");
      const [bwrapVersion, pythonVersion, sandbox, languages] = await Promise.all([
        bwrap ? versionOf(bwrap, ["--version"]) : undefined,
        python ? versionOf(python, ["--version"]) : undefined,
        bwrap && python ? sandboxWorks() : Promise.resolve("cannot start without bubblewrap and python3"),
        Promise.all(LANGUAGES.map(languageRow)),
      ]);
      const system = [
        ["bubblewrap", bwrap ? `${bwrapVersion ?? "installed"} (${bwrap})` : "missing: apt-get install bubblewrap"],
        ["python3", python ? `${pythonVersion ?? "installed"} (${python})` : "missing: apt-get install python3"],
        ["sandbox", sandbox],
      ];
      const missing = languages.filter((row) => row[3] !== "").length;
      process.stdout.write(`${table(system)}\n\n${table([["language", "name", "toolchain", "install"], ...languages])}\n\n`);
      process.stdout.write(
        missing === 0
          ? `all ${languages.length} languages are ready\n`
          : `${missing} of ${languages.length} languages lack a toolchain; their samples are marked toolchain_missing\n`,
      );
    });
}
