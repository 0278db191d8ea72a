export interface TradeOffPoint {
  /** What is paid (cost, tokens): lower is better. Points without a finite cost are left out. */
  cost: number | null;
  /** What is gained (pass@1): higher is better. */
  score: number;
}

/**
 * The Pareto front: indices of the points no other point dominates (as cheap or cheaper and at
 * least as good, strictly better in one of the two), ordered by increasing cost. Equal points are
 * all kept, as neither dominates the other.
 */
export function paretoFront(points: readonly TradeOffPoint[]): number[] {
  const candidates = points
    .map((point, index) => ({ cost: point.cost, score: point.score, index }))
    .filter((point): point is { cost: number; score: number; index: number } => point.cost !== null && Number.isFinite(point.cost))
    .sort((a, b) => a.cost - b.cost || b.score - a.score || a.index - b.index);
  const front: number[] = [];
  let best = -Infinity;
  let last: { cost: number; score: number } | undefined;
  for (const point of candidates) {
    // Sorted by cost, then best score first: a point is on the front when it beats every cheaper
    // point, or repeats the last point of the front exactly.
    const repeatsLast = last !== undefined && point.cost === last.cost && point.score === last.score;
    if (point.score > best || repeatsLast) {
      front.push(point.index);
      best = point.score;
      last = point;
    }
  }
  return front;
}
