import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export type { Page } from "playwright-core";

/** Debian's Chromium, which Playwright drives here instead of a browser of its own download. */
export const CHROMIUM = "/usr/bin/chromium";

/** Why browser tests cannot run, or null when they can. */
export const chromiumMissing: string | null = existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (apt-get install chromium, as .ci/run does)`;

/** Flags for running as root in a container, and for a browser that never reaches the network by itself. */
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, removed on close. */
export async function launchChromium(options: { javaScriptEnabled?: boolean; colorScheme?: "light" | "dark" } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "cg-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    colorScheme: options.colorScheme ?? "light",
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
