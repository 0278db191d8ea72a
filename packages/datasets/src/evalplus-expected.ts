import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { DataFile } from "./data-file";
import { ReferenceSolutionError } from "./errors";
import {
  EVALPLUS_MEMORY_BYTES,
  EXPECTED_OUTPUTS_MARKER,
  referenceProgram,
  type EvalPlusFlavor,
  type EvalPlusTask,
  type TaskExpectations,
} from "./evalplus-harness";
import type { Sandbox } from "./types";

const MiB = 1024 * 1024;
/**
 * The reference solutions are trusted and EvalPlus runs them without limits; these only stop a
 * run that hangs or runs away. The slowest (Mbpp/255, HumanEval/15) take 15-50 s on a 2-core
 * machine, and Mbpp/255 needs 1.4 GB for its largest output.
 */
const REFERENCE_WALL_SECONDS = 300;
/** Some expected outputs are large: HumanEval/15's are 60 MB once compressed and encoded. */
const REFERENCE_OUTPUT_BYTES = 200 * MiB;

const partSchema = z
  .object({ expected: z.array(z.string()), seconds: z.array(z.number().nonnegative()) })
  .refine((part) => part.expected.length === part.seconds.length, { message: "one timing per output" });
const expectationsSchema = z.object({ base: partSchema, plus: partSchema });

/**
 * The reference solution's outputs and timings for each task, computed once in the sandbox and
 * kept in the cache directory under the data file's sha256, as EvalPlus caches its ground truth
 * under the dataset's hash. The timings set the tests' time limits, so they are measured on the
 * machine that scores.
 */
export class ExpectedOutputStore {
  private readonly pending = new Map<string, Promise<TaskExpectations>>();

  constructor(
    private readonly dataset: string,
    private readonly file: DataFile,
    private readonly flavor: EvalPlusFlavor,
    /** The cache directory the dataset was loaded with. */
    private readonly cacheDir: string,
  ) {}

  /** The directory holding one JSON file per task. */
  directory(): string {
    return join(this.cacheDir, this.file.source, "expected-outputs", this.file.sha256 ?? "unversioned");
  }

  get(task: EvalPlusTask, sandbox: Sandbox): Promise<TaskExpectations> {
    let expectations = this.pending.get(task.taskId);
    if (!expectations) {
      expectations = this.readOrCompute(task, sandbox);
      this.pending.set(task.taskId, expectations);
      // A failure is not remembered: the next request tries again.
      expectations.catch(() => this.pending.delete(task.taskId));
    }
    return expectations;
  }

  private async readOrCompute(task: EvalPlusTask, sandbox: Sandbox): Promise<TaskExpectations> {
    const path = join(this.directory(), `${task.taskId.replace(/[^\w.-]/g, "_")}.json`);
    if (existsSync(path)) {
      const cached = expectationsSchema.safeParse(parseJsonOrNull(await readFile(path, "utf8")));
      // An unreadable entry is recomputed and replaced.
      if (cached.success) return cached.data;
    }
    const expectations = await this.compute(task, sandbox);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(expectations));
    await rename(partial, path);
    return expectations;
  }

  private async compute(task: EvalPlusTask, sandbox: Sandbox): Promise<TaskExpectations> {
    const result = await sandbox.execute({
      language: "python",
      source: referenceProgram(task, this.flavor),
      limits: {
        wallSeconds: REFERENCE_WALL_SECONDS,
        memoryBytes: EVALPLUS_MEMORY_BYTES,
        outputBytes: REFERENCE_OUTPUT_BYTES,
        fileBytes: REFERENCE_OUTPUT_BYTES,
      },
    });
    if (!result.passed) {
      const reason = [result.status, result.errorType, result.errorMessage].filter(Boolean).join(": ");
      throw new ReferenceSolutionError(this.dataset, task.taskId, reason);
    }
    const line = result.stdout.split("\n").findLast((text) => text.startsWith(EXPECTED_OUTPUTS_MARKER));
    if (result.stdoutTruncated || line === undefined) {
      throw new ReferenceSolutionError(this.dataset, task.taskId, "it ran but its outputs did not come back whole");
    }
    const parsed = expectationsSchema.safeParse(parseJsonOrNull(line.slice(EXPECTED_OUTPUTS_MARKER.length)));
    if (!parsed.success) throw new ReferenceSolutionError(this.dataset, task.taskId, "its recorded outputs have an unexpected shape");
    return parsed.data;
  }
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
