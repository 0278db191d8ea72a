import type { ReportProblem } from "./report-model";

export interface Breakdown {
  /** The metadata key, e.g. "difficulty", "tags", "rating", "contest_date". */
  key: string;
  /** `date` groups are in time order and drawn as a line; the others as bars. */
  kind: "category" | "tag" | "range" | "date";
  groups: Array<{ label: string; problems: number[] }>;
}

const MAX_CATEGORIES = 30;
const MAX_TAGS = 20;
const RANGE_BINS = 8;
const MAX_MONTHS = 36;
/** Difficulty words of the datasets (AutoCodeBench, LiveCodeBench; APPS), easiest first. */
const DIFFICULTY_RANK = new Map(["easy", "medium", "hard", "introductory", "interview", "competition"].map((word, rank) => [word, rank]));
const ISO_DATE = /^(\d{4})-(\d{2})(-\d{2})?/;

/**
 * Ways to split the problems by their dataset metadata: categories (APPS difficulty), tags
 * (xCodeEval; a comma-separated `tags` value), numeric ranges (rating) and months (LiveCodeBench
 * contest date; years when the dates span more than three years). A key that does not split the
 * problems into at least two groups gives no breakdown.
 */
export function metadataBreakdowns(problems: readonly ReportProblem[]): Breakdown[] {
  const keys = new Set<string>();
  for (const problem of problems) for (const key of Object.keys(problem.metadata)) keys.add(key);
  const breakdowns: Breakdown[] = [];
  for (const key of [...keys].sort()) {
    const entries = problems.flatMap((problem, index) => (key in problem.metadata ? [{ index, value: problem.metadata[key]! }] : []));
    const breakdown = /tags$/i.test(key) ? byTag(key, entries) : breakdownOf(key, entries);
    if (breakdown !== null && breakdown.groups.length >= 2) breakdowns.push(breakdown);
  }
  return breakdowns;
}

type Entry = { index: number; value: string | number | boolean };

function breakdownOf(key: string, entries: Entry[]): Breakdown | null {
  if (entries.every((e) => typeof e.value === "number")) {
    const distinct = new Set(entries.map((e) => e.value as number));
    if (distinct.size > MAX_CATEGORIES) return byRange(key, entries as Array<{ index: number; value: number }>);
    return grouped(key, "category", entries, (e) => String(e.value), (a, b) => Number(a) - Number(b));
  }
  if (entries.every((e) => typeof e.value === "string" && ISO_DATE.test(e.value))) return byDate(key, entries as Array<{ index: number; value: string }>);
  const labels = new Set(entries.map((e) => String(e.value).toLowerCase()));
  const ranked = [...labels].every((label) => DIFFICULTY_RANK.has(label));
  const breakdown = grouped(key, "category", entries, (e) => String(e.value), ranked ? (a, b) => DIFFICULTY_RANK.get(a.toLowerCase())! - DIFFICULTY_RANK.get(b.toLowerCase())! : undefined);
  return breakdown.groups.length > MAX_CATEGORIES ? null : breakdown;
}

function grouped(key: string, kind: Breakdown["kind"], entries: Entry[], labelOf: (e: Entry) => string, order?: (a: string, b: string) => number): Breakdown {
  const groups = new Map<string, number[]>();
  for (const entry of entries) {
    const label = labelOf(entry);
    const members = groups.get(label) ?? [];
    groups.set(label, members);
    members.push(entry.index);
  }
  const labels = [...groups.keys()];
  if (order) labels.sort(order);
  return { key, kind, groups: labels.map((label) => ({ label, problems: groups.get(label)! })) };
}

function byTag(key: string, entries: Entry[]): Breakdown {
  const groups = new Map<string, number[]>();
  for (const { index, value } of entries) {
    for (const tag of String(value).split(",").map((t) => t.trim()).filter((t) => t !== "")) {
      const members = groups.get(tag) ?? [];
      groups.set(tag, members);
      members.push(index);
    }
  }
  const top = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, MAX_TAGS);
  return { key, kind: "tag", groups: top.map(([label, problems]) => ({ label, problems })) };
}

function byRange(key: string, entries: Array<{ index: number; value: number }>): Breakdown {
  const values = entries.map((e) => e.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = niceStep((max - min) / RANGE_BINS);
  const start = Math.floor(min / width) * width;
  const groups = new Map<number, number[]>();
  for (const { index, value } of entries) {
    const bin = Math.floor((value - start) / width);
    const members = groups.get(bin) ?? [];
    groups.set(bin, members);
    members.push(index);
  }
  const bins = [...groups.keys()].sort((a, b) => a - b);
  const label = (bin: number) => `${round(start + bin * width)}–${round(start + (bin + 1) * width)}`;
  return { key, kind: "range", groups: bins.map((bin) => ({ label: label(bin), problems: groups.get(bin)! })) };
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) as number;
}

function round(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function byDate(key: string, entries: Array<{ index: number; value: string }>): Breakdown {
  const month = (value: string) => {
    const match = ISO_DATE.exec(value) as RegExpExecArray;
    return `${match[1]}-${match[2]}`;
  };
  const months = new Set(entries.map((e) => month(e.value)));
  const labelOf = months.size > MAX_MONTHS ? (e: Entry) => month(e.value as string).slice(0, 4) : (e: Entry) => month(e.value as string);
  return grouped(key, "date", entries, labelOf, (a, b) => a.localeCompare(b));
}
