import { extractCode, withoutCodeBlocks } from "../../code-extraction.js";
import { lastTagContent, sectionUnderHeading, tagContents } from "../../tagged-text.js";

/** A problem the model recalled as similar to the one being solved. */
export interface Exemplar {
  description: string;
  plan: string;
  code: string;
}

export interface Recollection {
  exemplars: Exemplar[];
  /** The algorithm category the model assigned to the original problem, with its tutorial. */
  algorithm: string;
}

/**
 * Reads the retrieval answer: `<exemplar>` blocks (falling back to `<example>` blocks, then to
 * "Problem 1"-style headings), each with `<description>`, `<plan>` and `<code>`, then an
 * `<algorithm>`. Keeps at most `limit` exemplars with distinct descriptions.
 */
export function parseRecollection(text: string, language: string, limit: number): Recollection {
  const blocks = exemplarBlocks(text);
  const seen = new Set<string>();
  const exemplars: Exemplar[] = [];
  for (const block of blocks) {
    const exemplar = parseExemplar(block, language);
    const key = exemplar.description.toLowerCase().replace(/\s+/g, " ");
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    exemplars.push(exemplar);
    if (exemplars.length === limit) break;
  }
  return { exemplars, algorithm: parseAlgorithm(text) };
}

function exemplarBlocks(text: string): string[] {
  for (const tag of ["exemplar", "example"]) {
    const blocks = tagContents(text, tag);
    if (blocks.length > 0) return blocks;
  }
  const heading = /^[ \t]*(?:#{1,6}[ \t]*|\*\*)?(?:exemplar|example|related problem|problem)[ \t]*#?\d+\b.*$/gim;
  const starts = [...text.matchAll(heading)].map((match) => match.index ?? 0);
  const algorithmAt = text.search(/^[ \t]*(?:#{1,6}[ \t]*|\*\*|<)?algorithm\b/im);
  return starts.map((start, index) => {
    const next = starts[index + 1] ?? (algorithmAt > start ? algorithmAt : text.length);
    return text.slice(start, next);
  });
}

function parseExemplar(block: string, language: string): Exemplar {
  const description =
    lastTagContent(block, "description") ??
    lastTagContent(block, "problem") ??
    sectionUnderHeading(block, /description|problem/i) ??
    block.split(/<plan>|<code>|```/i)[0]?.trim() ??
    "";
  const plan = lastTagContent(block, "plan") ?? sectionUnderHeading(withoutCodeBlocks(block), /plan/i) ?? "";
  const code = extractCode(lastTagContent(block, "code") ?? block, language);
  return { description: description.trim(), plan: plan.trim(), code };
}

function parseAlgorithm(text: string): string {
  const outsideExemplars = text.replace(/<(exemplar|example)(?:\s[^>]*)?>[\s\S]*?<\/\1\s*>/gi, "");
  return (
    lastTagContent(outsideExemplars, "algorithm") ??
    lastTagContent(text, "algorithm") ??
    sectionUnderHeading(text, /algorithm/i) ??
    ""
  ).trim();
}

export interface ScoredPlan {
  plan: string;
  /** 0 to 100; undefined when the answer gave none that could be read (ranked last). */
  confidence: number | undefined;
}

/** Reads a planning answer: a `<plan>` (else the whole answer) and a `Confidence: NN` score. */
export function parseScoredPlan(text: string): ScoredPlan {
  const confidence = parseConfidence(text);
  const tagged = lastTagContent(text, "plan");
  const plan = tagged ?? text.replace(/^.*\bconfidence\b.*$/gim, "").replace(/<\/?confidence>/gi, "").trim();
  return { plan, confidence };
}

/**
 * Accepts "Confidence: 85", "**Confidence score**: 85/100", "confidence = 0.85", "Confidence: 8/10",
 * "<confidence>85</confidence>"; the last one given wins. Scores are clamped to 0..100.
 */
export function parseConfidence(text: string): number | undefined {
  const tagged = lastTagContent(text, "confidence");
  const source = tagged !== undefined ? `confidence: ${tagged}` : text;
  const pattern = /confidence(?:[ \t]+(?:score|level))?[ \t*_]*(?:[:=\-–][ \t*_]*|is[ \t]+)(\d{1,3}(?:\.\d+)?)[ \t]*(%|\/[ \t]*100\b|\/[ \t]*10\b|\/[ \t]*1\b)?/gi;
  const match = [...source.matchAll(pattern)].at(-1);
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!Number.isFinite(value)) return undefined;
  const scale = (match[2] ?? "").replace(/\s/g, "");
  const percent = scale === "/10" ? value * 10 : scale === "/1" || (scale === "" && value <= 1 && (match[1] ?? "").includes(".")) ? value * 100 : value;
  return Math.min(100, Math.max(0, percent));
}

/** Plans by decreasing confidence; unreadable scores last; ties keep the exemplar order. */
export function rankPlans<T extends ScoredPlan>(plans: readonly T[]): T[] {
  const score = (plan: ScoredPlan) => plan.confidence ?? Number.NEGATIVE_INFINITY;
  return plans
    .map((plan, index) => ({ plan, index }))
    .sort((a, b) => score(b.plan) - score(a.plan) || a.index - b.index)
    .map(({ plan }) => plan);
}
