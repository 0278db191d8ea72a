import type { DatasetOptions } from "./dataset-options";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant a contest date names, in milliseconds, or undefined when it is not a date. A date
 * without a zone is read as UTC, and so is a window's day: LiveCodeBench compares such dates as
 * they are written, so the machine's own time zone must not move a contest across a boundary.
 */
export function contestInstant(date: string): number | undefined {
  const instant = Date.parse(DAY.test(date) ? `${date}T00:00:00Z` : ZONE.test(date) ? date : `${date}Z`);
  return Number.isNaN(instant) ? undefined : instant;
}

/** Whether a contest at `instant` falls in the window: on or after `since`, before `until`. */
export function inContestWindow(instant: number, window: Pick<DatasetOptions, "since" | "until">): boolean {
  if (window.since !== undefined && instant < contestInstant(window.since)!) return false;
  if (window.until !== undefined && instant >= contestInstant(window.until)!) return false;
  return true;
}
