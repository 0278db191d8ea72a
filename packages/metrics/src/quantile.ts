/** Quantile of sorted values by linear interpolation between order statistics (the common "type 7"). */
export function quantileOfSorted(sorted: Float64Array, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lowerValue = sorted[below] as number;
  const upperValue = sorted[above] as number;
  return lowerValue + (position - below) * (upperValue - lowerValue);
}
