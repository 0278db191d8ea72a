import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The staged mirror: $CG_DATA_DIR, else ../shared/datasets beside the repository. */
export function testDataDir(): string {
  const dir = process.env.CG_DATA_DIR ?? resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../../../shared/datasets");
  if (!existsSync(dir)) throw new Error(`dataset mirror ${dir} not found; set CG_DATA_DIR to the staged datasets folder`);
  return dir;
}
