// Number formats shared by the page rendered in Node and the script running in the browser, so
// a number reads the same wherever it is shown.

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? "–" : `${(100 * value).toFixed(digits)}%`;
}

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : Math.round(value).toLocaleString("en-US");
}

export function formatDecimal(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "–" : value.toFixed(digits);
}

/** Dollars with enough digits to tell small runs apart; "–" when the model has no known price. */
export function formatCost(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `$${value.toFixed(value < 1 ? 4 : 2)}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function formatPValue(p: number): string {
  if (p < 0.0001) return "p < 0.0001";
  return `p = ${p < 0.01 ? p.toPrecision(2) : p.toFixed(3)}`;
}

/** Percentage points, signed: "+3.2 points". */
export function formatPoints(difference: number): string {
  const points = 100 * difference;
  const text = Math.abs(points).toFixed(1);
  return `${points > 0 && text !== "0.0" ? "+" : points < 0 && text !== "0.0" ? "−" : ""}${text} points`;
}
