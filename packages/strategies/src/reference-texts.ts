import type { LoadOptions } from "@cg/datasets";
import { ReferenceSourceError } from "./errors.js";
import { PythonStrings, type PythonTemplate, type StringLocator } from "./python-strings.js";
import { REFERENCE_SOURCE, type ReferenceRepository, readReferenceFile } from "./reference-sources.js";

/** A source file of a reference repository, e.g. `{ repository: "codesim", path: "src/promptings/CodeSIM.py" }`. */
export interface ReferenceFileId {
  repository: ReferenceRepository;
  path: string;
}

/** Parses per process: the files are pinned, so equal text always parses the same. */
const parsed = new Map<string, Promise<PythonStrings>>();

function parsedOnce(key: string, source: string): Promise<PythonStrings> {
  const cacheKey = `${key}\0${source}`;
  let strings = parsed.get(cacheKey);
  if (!strings) {
    strings = PythonStrings.parse(key, source);
    parsed.set(cacheKey, strings);
    strings.catch(() => parsed.delete(cacheKey));
  }
  return strings;
}

/**
 * The strings of the reference files a strategy reads, loaded once (`load`) before any problem
 * is solved, so that a missing or altered source stops a run before its first model call.
 */
export class ReferenceTexts {
  private readonly files = new Map<string, PythonStrings>();

  private static key(file: ReferenceFileId): string {
    return `${file.repository}/${file.path}`;
  }

  /** @throws ReferenceSourceError naming every file that could not be read, with the first failure's fix. */
  async load(files: readonly ReferenceFileId[], options?: LoadOptions): Promise<void> {
    const wanted = files.filter((file) => !this.files.has(ReferenceTexts.key(file)));
    const outcomes = await Promise.allSettled(
      wanted.map(async (file) => {
        const key = ReferenceTexts.key(file);
        const source = await readReferenceFile(file.repository, file.path, options);
        this.files.set(key, await parsedOnce(key, source));
      }),
    );
    const failed = outcomes.flatMap((outcome, i) => (outcome.status === "rejected" ? [{ file: wanted[i]!, reason: outcome.reason as Error }] : []));
    if (failed.length === 0) return;
    const names = failed.map(({ file }) => `${REFERENCE_SOURCE}/${ReferenceTexts.key(file)}`);
    throw new ReferenceSourceError(
      `the reference prompt profile reads the authors' sources, and ${failed.length} could not be read (${names.join(", ")}): ${failed[0]!.reason.message}`,
      { cause: failed[0]!.reason },
    );
  }

  template(file: ReferenceFileId, locator: StringLocator): PythonTemplate {
    const strings = this.files.get(ReferenceTexts.key(file));
    if (!strings) throw new ReferenceSourceError(`${ReferenceTexts.key(file)} was not loaded; list it in the strategy's reference files`);
    return strings.template(locator);
  }
}
