import { defineConfig } from "tsup";

/** The build of every library package: one ESM entry with its type declarations. */
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
