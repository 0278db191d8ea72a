import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import type { LanguageDefinition } from "./languages/language";
import { findExecutable, SANDBOX_PATH } from "./sandbox-command";

/** Whether a language's commands are installed, as the sandbox will see them. */
export interface ToolchainStatus {
  language: LanguageDefinition;
  installed: boolean;
  /** Each command the language runs, by name, with its absolute path. */
  commands: Record<string, string>;
  /** Commands not found on the sandbox's PATH. */
  missing: string[];
}

/** The commands a language runs: the first word of its compile and run commands, except its own binary. */
export function toolchainCommands(language: LanguageDefinition): string[] {
  const names = [language.compile?.argv[0], language.run[0]].filter((name): name is string => name !== undefined);
  return [...new Set(names.filter((name) => !name.startsWith(".") && !name.startsWith("/")))];
}

/**
 * Looks the language's commands up on the sandbox's PATH and checks the files it needs (/usr is
 * the host's, read-only).
 */
export function findToolchain(language: LanguageDefinition, searchPath = SANDBOX_PATH): ToolchainStatus {
  const commands: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of toolchainCommands(language)) {
    const path = findExecutable(name, searchPath);
    if (path) commands[name] = path;
    else missing.push(name);
  }
  missing.push(...(language.toolchain.files ?? []).filter((file) => !existsSync(file)));
  return { language, installed: missing.length === 0, commands, missing };
}

/** How to install a language's toolchain: its Debian packages, or its official installer. */
export function installHint(language: LanguageDefinition): string {
  return language.toolchain.install ?? `apt-get install ${language.toolchain.packages.join(" ")}`;
}

/** What to tell a user whose machine lacks a language's toolchain. */
export function missingToolchainMessage(status: ToolchainStatus): string {
  const { language, missing } = status;
  return (
    `${language.name} needs ${missing.join(" and ")}, not installed here; install it with ` +
    `${installHint(language)} (cg doctor lists every toolchain)`
  );
}

/** First line of the toolchain's version output, or undefined when it cannot be run. */
export function toolchainVersion(language: LanguageDefinition, searchPath = SANDBOX_PATH): Promise<string | undefined> {
  const [name, ...args] = language.toolchain.version;
  const path = name === undefined ? undefined : findExecutable(name, searchPath);
  if (!path) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(path, args, { timeout: 20_000, env: { PATH: searchPath, LANG: "C.UTF-8" } }, (error, stdout, stderr) => {
      const line = `${stdout}\n${stderr}`.split("\n").find((text) => text.trim() !== "")?.trim();
      if (error && !line) resolve(undefined);
      // Some tools print a bare number ("0.17.0", "v20.20.2"): name them.
      else resolve(line && /^v?\d[\w.+-]*$/.test(line) ? `${name} ${line}` : line);
    });
  });
}
