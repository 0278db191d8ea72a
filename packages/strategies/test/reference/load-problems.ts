import { createDataset, type LoadOptions, type Problem } from "@cg/datasets";

/** A registered dataset's problems, as the runner loads them. */
export async function loadProblems(dataset: string, options: LoadOptions): Promise<Problem[]> {
  return [...(await createDataset(dataset).load(options)).problems];
}
