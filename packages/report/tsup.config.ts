import { build } from "esbuild";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // The page's scripts are bundled once here, with the charting and highlighting libraries, into
  // dist/client.js (what the page runs when it opens) and dist/plots.js (the charting library
  // and the plots view, which the page runs only when the plots are shown). `cg report` inlines
  // both into every report, so it needs no network and no build step when it runs.
  onSuccess: async () => {
    const bundle = (entry: string, outfile: string, libraries: string) =>
      build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        minify: true,
        format: "iife",
        platform: "browser",
        target: "chrome110",
        legalComments: "eof",
        logLevel: "warning",
        banner: { js: `/*! cg report page script. Bundles ${libraries}; their notices follow at the end. */` },
      });
    await Promise.all([
      bundle("src/client/main.ts", "dist/client.js", "highlight.js 11.12.0 (BSD-3-Clause)"),
      bundle("src/client/plots-entry.ts", "dist/plots.js", "Apache ECharts 6.1.0 (Apache-2.0), ZRender (BSD-3-Clause) and tslib (0BSD)"),
    ]);
  },
});
