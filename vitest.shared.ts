import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
// Tests read datasets from the staged mirror beside the repository when it is there (offline, as
// in CI); otherwise $CG_DATA_DIR, or the loaders download into the cache.
const stagedMirror = resolve(root, "../shared/datasets");
const dataDir = process.env.CG_DATA_DIR || (existsSync(stagedMirror) ? stagedMirror : undefined);

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: dataDir ? { CG_DATA_DIR: dataDir } : {},
  },
});
