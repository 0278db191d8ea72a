import { z } from "zod";
import { DatasetOptionsError } from "./errors";

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a day written YYYY-MM-DD that the calendar has (2024-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  if (!DAY_FORMAT.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

const calendarDay = z.string().refine(isCalendarDay, "must be a day written YYYY-MM-DD, e.g. 2024-08-01");

/**
 * Choices about a dataset beyond its name, which narrow the problems it loads. A dataset takes
 * only the options it can honour (see `createDataset`); the others are refused, never ignored.
 */
export const datasetOptionsSchema = z
  .strictObject({
    /** Keep problems whose contest took place on or after this day (YYYY-MM-DD). */
    since: calendarDay.optional(),
    /** Keep problems whose contest took place before this day (YYYY-MM-DD). */
    until: calendarDay.optional(),
  })
  .refine((options) => options.since === undefined || options.until === undefined || options.since < options.until, {
    path: ["until"],
    message: "the contest-date window is empty: since must be a day before until",
  });

export type DatasetOptions = z.infer<typeof datasetOptionsSchema>;
export type DatasetOptionName = keyof DatasetOptions;

/** Options as people write them: `since 2024-08-01, until 2025-02-01`. */
export function formatDatasetOptions(options: DatasetOptions): string {
  return Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(", ");
}

/** Checks options given by a program or a user; leaves out those not given. */
export function parseDatasetOptions(input: unknown): DatasetOptions {
  const parsed = datasetOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
    throw new DatasetOptionsError(`invalid dataset options: ${problems.join("; ")}`);
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
}
