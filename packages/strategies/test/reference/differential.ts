import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Problem, PublicTest, PublicTestReport } from "@cg/datasets";
import { expect } from "vitest";
import { createStrategy, type StrategyContext } from "../../src/index.js";
import { ScriptedChatModel } from "../support/scripted-model.js";

/**
 * The differential tests' harness: one problem, one script of model answers, run through the
 * authors' strategy class (drive_reference.py, on the mirror's unchanged sources) and through
 * the cg strategy; the requests must be the same, byte for byte, with the same penalties.
 */

export const DATA_DIR = (() => {
  const dir = process.env.CG_DATA_DIR;
  if (!dir) throw new Error("the differential tests read the authors' code from the mirror: set CG_DATA_DIR (e.g. ../shared/datasets)");
  return dir;
})();

const MIRROR = join(DATA_DIR, "reference-strategies");
const DRIVER = fileURLToPath(new URL("./drive_reference.py", import.meta.url));

/** Whether the scripted sample tests pass a test: the rule drive_reference.py applies. */
export function passes(code: string, test: PublicTest): boolean {
  return code.includes("PASS_ALL") || code.includes(`# passes ${test.kind === "assert" ? test.code : JSON.stringify(test.input)}`);
}

/** Sample tests that follow the scripted rule, as the runner would report them. */
export function scriptedSampleTests(problem: Problem): StrategyContext["runSampleTests"] {
  return async (candidate, extraTests = []) => {
    const results = [...problem.publicTests, ...extraTests].map((test) => {
      const ok = passes(candidate.code, test);
      return {
        test,
        passed: ok,
        status: ok ? ("passed" as const) : ("wrong_answer" as const),
        detail: ok ? "passed" : "wrong_answer",
        ...(test.kind === "io" ? { stdout: ok ? test.output : "WRONG" } : {}),
      };
    });
    const report: PublicTestReport = { passed: results.every((r) => r.passed), results, log: "" };
    return report;
  };
}

export interface Call {
  messages: Array<{ role: string; content: string }>;
  frequency_penalty: number;
  presence_penalty: number;
}

export interface ReferenceRun {
  calls: Call[];
  code: string | null;
  error: string | null;
}

export interface DifferentialCase {
  repository: "codesim" | "mapcoder";
  /** The authors' class name in PromptingFactory, e.g. "CodeSIM". */
  referenceStrategy: string;
  /** Constructor arguments the authors' main.py would not pass but a variant fixes (none for most). */
  referenceArgs?: Record<string, unknown>;
  /** DatasetFactory's name: HumanEval, MBPP, APPS, xCodeEval, CC. */
  referenceDataset: string;
  /** The authors' record of the problem. */
  record: Record<string, unknown>;
  /** The same problem as the cg dataset loads it. */
  problem: Problem;
  /** The cg strategy and its options. */
  strategy: string;
  options?: Record<string, unknown>;
  answers: string[];
}

/**
 * One driver process per repository, kept for the test file's life: the authors' modules are
 * imported once, and each case is one line in and one line out, answered in order.
 */
class ReferenceDriver {
  private readonly child: ChildProcess;
  private readonly pending: Array<{ resolve: (run: ReferenceRun) => void; reject: (error: Error) => void }> = [];
  private stderr = "";

  constructor() {
    this.child = spawn("python3", [DRIVER], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr] as Array<{ unref?: () => void } | null>) stream?.unref?.();
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.pending.shift()?.resolve(JSON.parse(line) as ReferenceRun));
    this.child.on("exit", (code) => {
      for (const waiter of this.pending.splice(0)) waiter.reject(new Error(`drive_reference.py exited with ${code}: ${this.stderr}`));
    });
  }

  run(input: string): Promise<ReferenceRun> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin!.write(`${input}\n`);
    });
  }
}

const drivers = new Map<string, ReferenceDriver>();

export function runReference(c: DifferentialCase): Promise<ReferenceRun> {
  const input = JSON.stringify({
    mirror: MIRROR,
    repository: c.repository,
    strategy: c.referenceStrategy,
    args: c.referenceArgs ?? {},
    dataset: c.referenceDataset,
    record: c.record,
    language: "Python3",
    answers: c.answers,
  });
  let driver = drivers.get(c.repository);
  if (!driver) {
    driver = new ReferenceDriver();
    drivers.set(c.repository, driver);
  }
  return driver.run(input);
}

export interface CgRun {
  calls: Call[];
  code: string;
}

export async function runCg(c: DifferentialCase): Promise<CgRun> {
  const strategy = createStrategy(c.strategy, { prompts: "reference", ...c.options });
  await strategy.prepare?.({ dataDir: DATA_DIR });
  const model = new ScriptedChatModel(c.answers);
  const result = await strategy.solve({ problem: c.problem, model, sampling: {}, sampleIndex: 0, runSampleTests: scriptedSampleTests(c.problem) });
  return {
    calls: model.requests.map((request) => ({
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      frequency_penalty: request.params?.frequencyPenalty ?? Number.NaN,
      presence_penalty: request.params?.presencePenalty ?? Number.NaN,
    })),
    code: result.candidate.code,
  };
}

/**
 * Runs both sides and checks they made the same requests and chose the same code. `cgCode`
 * maps the reference's final code to the candidate cg runs (the typing import the authors'
 * harness adds before running a function's code).
 */
export async function expectSameRun(c: DifferentialCase, cgCode: (code: string) => string = (code) => code): Promise<{ reference: ReferenceRun; cg: CgRun }> {
  const [reference, cg] = await Promise.all([runReference(c), runCg(c)]);
  expect(reference.error).toBeNull();
  expect(cg.calls.length).toBe(reference.calls.length);
  for (const [i, call] of reference.calls.entries()) expect(cg.calls[i], `call ${i + 1}`).toEqual(call);
  expect(cg.code).toBe(cgCode(reference.code ?? ""));
  return { reference, cg };
}

/** The records of a mirror's JSON Lines file, by a key field. */
export function referenceRecords(relativePath: string, key: string): Map<string, Record<string, unknown>> {
  const text = readFileSync(join(DATA_DIR, relativePath), "utf8");
  return new Map(
    text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .map((record) => [String(record[key]), record]),
  );
}

/** The typing import the authors' harness puts before a function's code. */
export function withTypingImport(code: string): string {
  return code.includes("from typing import *") ? code : `from typing import *\n${code}`;
}
