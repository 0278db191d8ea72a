import type { CompletionPrompt } from "./types";

/**
 * Where a base model's continuation of a HumanEval prompt ends: at the next top-level statement
 * that is not part of the function (a class, a function, a comment, a decorator, a print, an
 * if), at a closing Markdown fence, or at a file separator. These are the stop sequences of the
 * bigcode-evaluation-harness HumanEval task.
 */
export const HUMANEVAL_STOP: readonly string[] = ["\nclass", "\ndef", "\n#", "\n@", "\nprint", "\nif", "\n```", "<file_sep>"];

/** The file separator the bigcode-evaluation-harness adds to each MultiPL-E record's own stop tokens. */
export const FILE_SEPARATOR = "<file_sep>";

/** HumanEval's protocol for base models: the prompt itself, continued; prompt + continuation is the program. */
export function humanEvalCompletionPrompt(prompt: string): CompletionPrompt {
  return { text: prompt, stop: [...HUMANEVAL_STOP], candidateKind: "completion" };
}

/** The task ids of Austin et al. (2021)'s three-shot MBPP prompt, from the prompting split. */
export const MBPP_FEW_SHOT_TASK_IDS: readonly number[] = [2, 3, 4];

/** The closing marker of an answer in the three-shot MBPP prompt, where the continuation ends. */
export const MBPP_FEW_SHOT_STOP: readonly string[] = ["[DONE]"];

export interface MbppShot {
  /** The task's opening in the paper's format: its text and tests (see `mbppPrompt`). */
  prompt: string;
  code: string;
}

/**
 * Austin et al. (2021)'s three-shot prompt for base models: each example is the task's opening,
 * `[BEGIN]`, its reference code and `[DONE]`; the examples and the task are separated by a blank
 * line (the usual few-shot delimiter), and the task's opening is followed by `[BEGIN]` for the
 * model to continue with the code. The continuation is the whole program.
 */
export function mbppFewShotPrompt(shots: readonly MbppShot[], taskPrompt: string): CompletionPrompt {
  const examples = shots.map((shot) => `${shot.prompt}[BEGIN]\n${shot.code}\n[DONE]`);
  return { text: [...examples, `${taskPrompt}[BEGIN]\n`].join("\n\n"), stop: [...MBPP_FEW_SHOT_STOP], candidateKind: "solution" };
}
