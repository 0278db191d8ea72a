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

/** The files' strings, the ones not parsed yet in this process parsed together by one python3. */
function parsedOnce(files: ReadonlyArray<{ key: string; source: string }>): Array<Promise<PythonStrings>> {
  const cacheKey = ({ key, source }: { key: string; source: string }) => `${key}\0${source}`;
  const fresh = files.filter((file) => !parsed.has(cacheKey(file)));
  if (fresh.length > 0) {
    const batch = PythonStrings.parseMany(fresh.map(({ key, source }) => ({ path: key, source })));
    fresh.forEach((file, i) => {
      const strings = batch.then((all) => all[i]!);
      parsed.set(cacheKey(file), strings);
      strings.catch(() => parsed.delete(cacheKey(file)));
    });
  }
  return files.map((file) => parsed.get(cacheKey(file))!);
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
    const reads = await Promise.allSettled(wanted.map((file) => readReferenceFile(file.repository, file.path, options)));
    const failed = reads.flatMap((outcome, i) => (outcome.status === "rejected" ? [{ file: wanted[i]!, reason: outcome.reason as Error }] : []));
    if (failed.length === 0) {
      const sources = reads.map((outcome, i) => ({ key: ReferenceTexts.key(wanted[i]!), source: (outcome as PromiseFulfilledResult<string>).value }));
      const strings = await Promise.all(parsedOnce(sources));
      sources.forEach(({ key }, i) => this.files.set(key, strings[i]!));
      return;
    }
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
