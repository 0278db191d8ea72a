import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PageScriptError } from "./errors";

// Built next to the package's module (dist/index.js) by tsup; the relative path also finds it
// from the sources (src/page-script.ts), which the tests run.
const PAGE_SCRIPT = fileURLToPath(new URL("../dist/client.js", import.meta.url));

let cached: string | undefined;

/** The bundled page script (views, charts, highlighting) that every report inlines. */
export function pageScript(): string {
  if (cached !== undefined) return cached;
  if (!existsSync(PAGE_SCRIPT)) {
    throw new PageScriptError(`${PAGE_SCRIPT} is missing: build the report package first (pnpm --filter @cg/report build)`);
  }
  const script = readFileSync(PAGE_SCRIPT, "utf8");
  // Inline, the script must not be able to end its own element.
  if (/<\/script|<!--/i.test(script)) throw new PageScriptError(`${PAGE_SCRIPT} contains "</script" or "<!--" and cannot be inlined; rebuild it`);
  cached = script;
  return script;
}
