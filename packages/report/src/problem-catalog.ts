import { createDataset, type Problem } from "@cg/datasets";

/** What the report shows of a dataset's problems: their statements and metadata, in dataset order. */
export interface ProblemCatalog {
  dataset: string;
  problems: Map<string, { position: number; prompt: string; metadata: Record<string, string | number | boolean> }>;
  /** The task id of a problem for an id a samples file writes (MBPP's `11` is `mbpp/11`). */
  normalizeTaskId(raw: string | number): string;
}

/**
 * Reads a dataset's problems from the local mirror or cache, never downloading: a report is
 * written from results alone, so a dataset that cannot be read costs its prompts and metadata
 * (said in `warning`), not the report.
 */
export async function loadProblemCatalog(dataset: string, dataDir: string | undefined): Promise<{ catalog: ProblemCatalog | null; warning: string | null }> {
  try {
    const suite = await createDataset(dataset).load({ ...(dataDir === undefined ? {} : { dataDir }), offline: true });
    return { catalog: catalogOf(dataset, suite.problems, (raw) => suite.normalizeTaskId(raw)), warning: null };
  } catch (error) {
    return { catalog: null, warning: `prompts and metadata of ${dataset} are not shown: ${(error as Error).message}` };
  }
}

/** A catalog of the given problems, whose ids samples files write as they are unless `normalizeTaskId` says otherwise. */
export function catalogOf(dataset: string, problems: readonly Problem[], normalizeTaskId: (raw: string | number) => string = String): ProblemCatalog {
  return { dataset, problems: new Map(problems.map((p, position) => [p.taskId, { position, prompt: p.prompt, metadata: p.metadata }])), normalizeTaskId };
}
