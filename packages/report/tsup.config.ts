import { build } from "esbuild";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // The page's script is bundled once here, with the charting and highlighting libraries, into
  // dist/client.js; `cg report` inlines that file into every report, so it needs no network and
  // no build step when it runs.
  onSuccess: async () => {
    await build({
      entryPoints: ["src/client/main.ts"],
      outfile: "dist/client.js",
      bundle: true,
      minify: true,
      format: "iife",
      platform: "browser",
      target: "chrome110",
      legalComments: "eof",
      banner: {
        js: "/*! cg report page script. Bundles Apache ECharts 6.1.0 (Apache-2.0), ZRender (BSD-3-Clause), tslib (0BSD) and highlight.js 11.12.0 (BSD-3-Clause); their notices follow at the end. */",
      },
      logLevel: "warning",
    });
  },
});
