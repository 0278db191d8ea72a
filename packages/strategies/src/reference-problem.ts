import type { Problem, PublicTest, ReferenceProblem } from "@cg/datasets";
import { languageName } from "@cg/languages";
import { ReferenceSourceError } from "./errors.js";
import { pythonStr } from "./python-str.js";
import type { ReferenceFileId, ReferenceTexts } from "./reference-texts.js";
import type { ReferenceRepository } from "./reference-sources.js";

export type ReferenceDataset = ReferenceProblem["dataset"];

/** The authors' dataset class per dataset, and the file that defines it. */
const DATASET_CLASSES: Record<ReferenceDataset, { className: string; path: string }> = {
  HumanEval: { className: "HumanDataset", path: "src/datasets/HumanEvalDataset.py" },
  MBPP: { className: "MBPPDataset", path: "src/datasets/MBPPDataset.py" },
  APPS: { className: "APPSDataset", path: "src/datasets/APPSDataset.py" },
  xCodeEval: { className: "XCodeDataset", path: "src/datasets/XCodeDataset.py" },
  CC: { className: "CodeContestDataset", path: "src/datasets/CodeContestDataset.py" },
};

/** The dataset-class files a strategy of `repository` reads to pose problems. */
export function datasetFiles(repository: ReferenceRepository): ReferenceFileId[] {
  return Object.values(DATASET_CLASSES).map(({ path }) => ({ repository, path }));
}

/**
 * How the authors' code would pose the problem. Datasets outside the papers are posed as the
 * nearest of theirs: a function to complete as HumanEval, a program on standard input as
 * CodeContests (the statement alone).
 */
export function referenceProblemOf(problem: Problem): ReferenceProblem {
  if (problem.reference) return problem.reference;
  return problem.entryPoint ? { dataset: "HumanEval", fields: { prompt: problem.prompt } } : { dataset: "CC", fields: { description: problem.prompt } };
}

/** APPS, CodeContests and xCodeEval: the datasets the authors' code treats as competitive (`is_competitive`). */
export function isCompetitive(problem: Problem): boolean {
  return ["APPS", "CC", "xCodeEval"].includes(referenceProblemOf(problem).dataset);
}

/** The authors' names for the languages of their runs (`--language` of their main.py). */
const REFERENCE_LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  c: "C",
  csharp: "C#",
  cpp: "C++",
  go: "Go",
  php: "PHP",
  python: "Python3",
  ruby: "Ruby",
  rust: "Rust",
};

/** The language as the authors' prompts name it; other languages by their display name. */
export function referenceLanguage(language: string): string {
  return REFERENCE_LANGUAGE_NAMES[language] ?? languageName(language);
}

/** The problem text, as the authors' `Dataset.get_prompt(item)` builds it. */
export function referencePrompt(texts: ReferenceTexts, repository: ReferenceRepository, problem: Problem): string {
  const { dataset, fields } = referenceProblemOf(problem);
  // MBPPDataset.get_prompt returns the record's prompt, stripped in the CodeSIM repository's
  // copy: an expression, no string to fill.
  if (dataset === "MBPP") return itemExpression(repository === "codesim" ? "item['prompt'].strip()" : "item['prompt']", fields);
  const { className, path } = DATASET_CLASSES[dataset];
  const file = { repository, path };
  const scope = `${className}.get_prompt`;
  const fill = (nth: number, locals: Record<string, string> = {}) => {
    const template = texts.template(file, { scope, fstring: true, nth });
    return template.fill({ ...Object.fromEntries(template.fields.filter((f) => !(f in locals)).map((f) => [f, itemExpression(f, fields)])), ...locals });
  };
  if (dataset !== "APPS") return fill(0);
  // APPS shows the first sample's format only when the problem has samples.
  const samples = fields.sample_io;
  const sampleFormat = Array.isArray(samples) && samples.length > 0 ? fill(0) : "";
  return fill(1, { sample_io_format: sampleFormat });
}

/**
 * The value of an expression over the dataset record (`item['sample_io'][0]['input']`,
 * `item['prompt'].strip()`), rendered as an f-string renders it. Only the forms the authors'
 * dataset classes use are understood; anything else is an error rather than a guess.
 */
export function itemExpression(expression: string, fields: Record<string, unknown>): string {
  const match = /^item((?:\['[^']*'\]|\[\d+\])*)(\.strip\(\))?$/.exec(expression);
  if (!match) throw new ReferenceSourceError(`the reference prompt reads "${expression}", which is not a record field`);
  let value: unknown = fields;
  for (const [, key, index] of match[1]!.matchAll(/\['([^']*)'\]|\[(\d+)\]/g)) {
    const container = value as Record<string, unknown> | unknown[] | undefined;
    value = key !== undefined ? (container as Record<string, unknown> | undefined)?.[key] : (container as unknown[] | undefined)?.[Number(index)];
    if (value === undefined) throw new ReferenceSourceError(`the reference prompt reads ${expression}, which this problem's record does not have`);
  }
  const text = pythonStr(value);
  return match[2] ? pythonStrip(text) : text;
}

/** Python's `str.strip()`: Unicode whitespace at both ends. */
export function pythonStrip(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && isPythonSpace(chars[start]!)) start += 1;
  while (end > start && isPythonSpace(chars[end - 1]!)) end -= 1;
  return chars.slice(start, end).join("");
}

/** `str.isspace` for one character: JavaScript's whitespace less U+FEFF, plus the separators U+001C-U+001F and U+0085. */
function isPythonSpace(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x1c && code <= 0x1f) || code === 0x85 || (char !== "\ufeff" && /\s/u.test(char));
}

/** The sample tests as the authors' records hold them (`sample_io`): assert lines, or input/output pairs. */
export function referenceSampleIo(tests: readonly PublicTest[]): Array<string | { input: string; output: string[] }> {
  return tests.map((test) => (test.kind === "assert" ? test.code : { input: test.input, output: [test.output] }));
}
