import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PageScriptError } from "./errors";

export interface PageScripts {
  /** Run when the page opens. */
  main: string;
  /** The charting library and the plots view, run when the plots are first shown. */
  plots: string;
}

let cached: PageScripts | undefined;

/** The bundled page scripts that every report inlines. */
export function pageScripts(): PageScripts {
  cached ??= { main: readScript("client.js"), plots: readScript("plots.js") };
  return cached;
}

function readScript(name: string): string {
  // Built next to the package's module (dist/index.js) by tsup; the relative path also finds it
  // from the sources (src/page-script.ts), which the tests run.
  const path = fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
  if (!existsSync(path)) throw new PageScriptError(`${path} is missing: build the report package first (pnpm --filter @cg/report build)`);
  const script = readFileSync(path, "utf8");
  // Inline, a script must not be able to end its own element.
  if (/<\/script|<!--/i.test(script)) throw new PageScriptError(`${path} contains "</script" or "<!--" and cannot be inlined; rebuild it`);
  return script;
}
