/**
 * How MapCoder and CodeSIM (`src/evaluations/func_evaluate.py`) run generated code: with
 * `from typing import *` in front unless the code already has it, and a 5 s limit per program.
 */
export const MAPCODER_TIMEOUT_SECONDS = 5;

const TYPING_IMPORT = "from typing import *";

/** The line MapCoder puts before `code`: the typing import, unless `code` has it. */
export function typingImportFor(code: string): string {
  return code.includes(TYPING_IMPORT) ? "" : `${TYPING_IMPORT}\n`;
}
