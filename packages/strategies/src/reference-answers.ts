import { pythonStrip } from "./reference-problem.js";
import type { ReferenceRepository } from "./reference-sources.js";

/**
 * Fence tags `parse_response` looks for, in the order it checks them: when several occur, the
 * last in this order decides the pattern (so "```cpp" wins over "```c", which it also contains).
 */
export const FENCE_TAGS = ["Python", "Python3", "python", "python3", "C", "c", "C++", "c++", "cpp", "Cpp", "Java", "java", "Node", "node", "Rust", "rust", "PHP", "php", "Go", "go", "Ruby", "ruby", "C#", "c#", "csharp"];

/**
 * The code in an answer as the authors' `parse_response` (utils/parse.py) finds it: the answer
 * itself when it has no fence; else the last block opened by the chosen tag, with what the
 * pattern's second group captured (the block's last character) appended after a newline, as
 * `"\n".join` of the match tuple does. The CodeSIM repository's copy first keeps only the text
 * after the first `</think>` and strips the result; the MapCoder repository's does neither.
 *
 * Where the authors' code raises (a fence with no block of the chosen tag), this returns "", the
 * answer counted as having no code.
 */
export function referenceParseResponse(repository: ReferenceRepository, answer: string): string {
  let response = answer;
  if (repository === "codesim" && response.includes("<think>") && response.includes("</think>")) response = response.split("</think>")[1]!;
  if (!response.includes("```")) return response;
  const code = lastFencedCode(response, FENCE_TAGS);
  return repository === "codesim" ? pythonStrip(code) : code;
}

/**
 * The block `parse_response` takes from an answer holding a fence, given the fence tags its
 * copy checks (in order; the last one present decides): the last block opened by that tag, its
 * body followed by a newline and the body's last character (the `"\n".join` of the match
 * tuple). "" where the authors' code raises (no block of the chosen tag).
 */
export function lastFencedCode(response: string, tags: readonly string[]): string {
  let tag = "";
  for (const candidate of tags) if (response.includes(`\`\`\`${candidate}`)) tag = candidate;
  const pattern = new RegExp(`\`\`\`${tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([\\s\\S]*?)\`\`\``, "g");
  const last = [...response.matchAll(pattern)].at(-1);
  if (last === undefined) return "";
  const body = last[1]!;
  return `${body}\n${Array.from(body).at(-1) ?? ""}`;
}

/** `extract_plans`: the items of a numbered list ("1. Plan A"), each up to its next ". ". */
export function referenceExtractPlans(text: string): string[] {
  return pythonStrip(text)
    .split("\n")
    .flatMap((line) => {
      const splits = line.split(". ");
      return splits.length >= 2 && isNumeric(splits[0]!) ? [splits[1]!] : [];
    });
}

/** Python's `str.isnumeric` for the ASCII digits a numbered list uses (and other Unicode numerals). */
function isNumeric(text: string): boolean {
  return text.length > 0 && /^\p{N}+$/u.test(text);
}
