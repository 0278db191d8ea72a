import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReferenceSourceError } from "../src/index.js";
import { readReferenceFile, referenceFile } from "../src/reference-sources.js";
import { ReferenceTexts } from "../src/reference-texts.js";
import { DATA_DIR } from "./reference/differential.js";

const DIRECT = "src/promptings/Direct.py";

function placed(root: string, text?: string): string {
  const path = join(root, "reference-strategies", "codesim", DIRECT);
  mkdirSync(dirname(path), { recursive: true });
  if (text === undefined) copyFileSync(join(DATA_DIR, "reference-strategies", "codesim", DIRECT), path);
  else writeFileSync(path, text);
  return path;
}

describe("the authors' sources", () => {
  it("come from the pinned commit's canonical URL, checked by sha256", () => {
    expect(referenceFile("codesim", DIRECT)).toMatchObject({
      source: "reference-strategies",
      file: "codesim/src/promptings/Direct.py",
      url: "https://raw.githubusercontent.com/kagnlp/CodeGenerator/9cf09ee6c788bfda3b7e1524e88be3447098eb24/src/promptings/Direct.py",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(() => referenceFile("codesim", "src/main.py")).toThrow(ReferenceSourceError);
  });

  it("are read from the cache when no mirror is given", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "cg-ref-cache-"));
    placed(cacheDir);
    const previous = process.env.CG_DATA_DIR;
    delete process.env.CG_DATA_DIR;
    try {
      expect(await readReferenceFile("codesim", DIRECT, { cacheDir, offline: true })).toMatch(/class DirectStrategy/);
    } finally {
      process.env.CG_DATA_DIR = previous;
    }
  });

  it("refuse a file that differs from the pinned one, and name every file missing with the fix", async () => {
    const mirror = mkdtempSync(join(tmpdir(), "cg-ref-mirror-"));
    placed(mirror, "# not the authors' file\n");
    await expect(readReferenceFile("codesim", DIRECT, { dataDir: mirror })).rejects.toThrow(/sha256/);
    const texts = new ReferenceTexts();
    const error = await texts
      .load(
        [
          { repository: "codesim", path: "src/promptings/CodeSIM.py" },
          { repository: "mapcoder", path: "src/promptings/MapCoder.py" },
        ],
        { dataDir: mirror },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReferenceSourceError);
    expect((error as Error).message).toMatch(/2 could not be read \(reference-strategies\/codesim\/src\/promptings\/CodeSIM\.py, reference-strategies\/mapcoder\/src\/promptings\/MapCoder\.py\)/);
    expect((error as Error).message).toMatch(/--data-dir/);
  });
});
