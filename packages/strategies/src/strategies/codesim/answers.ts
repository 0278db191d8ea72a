import type { PublicTest } from "@cg/datasets";
import { extractCode } from "../../code-extraction.js";
import type { AnswerShape } from "../../problem-text.js";
import { lastTagContent, sectionUnderHeading, tagContents } from "../../tagged-text.js";

/** The plan in a planning or refinement answer: the last "Plan" section, else the whole answer. */
export function parsePlan(text: string): string {
  const tagged = lastTagContent(text, "plan");
  if (tagged) return tagged;
  const section = sectionUnderHeading(text, /^(?:(?:new|revised|corrected|modified|refined|updated|step[- ]by[- ]step)\s+)*plan\b/i);
  return section && section !== "" ? section : text.trim();
}

export type PlanVerdict = "plan_ok" | "plan_needs_change" | "unclear";

/**
 * The verdict of a simulation answer. The last `Verdict:` line decides; failing that, the
 * phrases an answer may use instead ("no modification needed", "plan needs modification").
 * An unreadable verdict counts as the plan being fine, so no refinement call is made.
 */
export function parseVerdict(text: string): PlanVerdict {
  const verdictLines = [...text.matchAll(/verdict[^\n:]*[:=\-–][ \t]*([^\n]*)/gi)].map((match) => match[1] ?? "");
  const otherLines = text.split("\n");
  return lastVerdict(verdictLines, (phrase) => explicitVerdict(phrase) ?? readyVerdict(phrase)) ?? lastVerdict(otherLines, explicitVerdict) ?? "unclear";
}

function lastVerdict(lines: string[], read: (phrase: string) => PlanVerdict | undefined): PlanVerdict | undefined {
  for (const line of [...lines].reverse()) {
    const verdict = read(line);
    if (verdict) return verdict;
  }
  return undefined;
}

const NO_CHANGE =
  /(?:^|_)(?:NO|NOT|DOES_NOT|DOESN_T|WITHOUT)_(?:NEED_(?:TO_)?|NEEDS?_)?(?:PLAN_)?(?:CHANGE|MODIF|REFIN|REVIS)|(?:CHANGE|MODIFICATION|REFINEMENT)S?_(?:IS_|ARE_)?NOT_NEEDED/;
const CHANGE =
  /NEEDS?_(?:A_)?(?:CHANGE|MODIF|REFIN|REVIS|FIX)|(?:CHANGE|MODIFICATION|REFINEMENT|REVISION)S?_(?:IS_|ARE_)?(?:NEEDED|REQUIRED)/;
const PLAN_WORKS = /PLAN_(?:IS_)?(?:OK|OKAY|FINE|CORRECT|VALID|GOOD|WORKS)|(?:^|_)(?:OK|OKAY|CORRECT|PASS|PASSED)(?:_|$)/;
const PLAN_FAILS = /PLAN_(?:IS_)?(?:WRONG|INCORRECT|FLAWED|FAILS|FAILED)|(?:^|_)(?:WRONG|INCORRECT|FAIL|FAILED)(?:_|$)/;

/** Phrases that say outright whether the plan must change; safe to look for anywhere in the answer. */
function explicitVerdict(phrase: string): PlanVerdict | undefined {
  const normal = normalize(phrase);
  if (NO_CHANGE.test(normal)) return "plan_ok";
  if (CHANGE.test(normal)) return "plan_needs_change";
  return undefined;
}

/** Shorter words that are a verdict only on a `Verdict:` line ("OK", "plan is wrong"). */
function readyVerdict(phrase: string): PlanVerdict | undefined {
  const normal = normalize(phrase);
  if (PLAN_FAILS.test(normal)) return "plan_needs_change";
  if (PLAN_WORKS.test(normal)) return "plan_ok";
  return undefined;
}

function normalize(phrase: string): string {
  return phrase.toUpperCase().replace(/[^A-Z]+/g, "_");
}

/**
 * Model-written tests: `assert` lines for a function problem, `<test><input>…</input><output>…</output></test>`
 * blocks for a program; at most `limit`.
 */
export function parseGeneratedTests(text: string, shape: AnswerShape, language: string, limit: number): PublicTest[] {
  if (shape.kind === "function") {
    const code = extractCode(text, language) || text;
    return code
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^assert\s/.test(line) && line.includes(shape.entryPoint))
      .slice(0, limit)
      .map((line) => ({ kind: "assert", code: line }));
  }
  return tagContents(text, "test")
    .flatMap((block) => {
      const input = rawTag(block, "input");
      const output = rawTag(block, "output");
      return input === undefined || output === undefined ? [] : [{ kind: "io" as const, input, output }];
    })
    .slice(0, limit);
}

/** A tag's content with only its framing newlines removed: whitespace in I/O data matters. */
function rawTag(block: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`, "i").exec(block);
  if (!match) return undefined;
  const content = match[1] ?? "";
  return content.endsWith("\n") ? content : `${content}\n`;
}
