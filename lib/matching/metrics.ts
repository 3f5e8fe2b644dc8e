/**
 * Ranking metrics for offline evaluation. Ranked lists are ids, best first; relevance is a set
 * (binary) or a gain per id (graded, linear gain).
 */

/** Share of the first k picks that are relevant; a list shorter than k counts the gap as misses. */
export function precisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / k;
}

/** Normalized discounted cumulative gain at k; 0 when nothing is relevant at all. */
export function ndcgAtK(ranked: readonly string[], gains: ReadonlyMap<string, number>, k: number): number {
  const dcg = (list: readonly number[]) => list.slice(0, k).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = dcg([...gains.values()].filter((g) => g > 0).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => gains.get(id) ?? 0)) / ideal;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
