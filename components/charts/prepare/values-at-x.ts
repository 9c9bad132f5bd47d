import type { CompareLine } from "./compare-series";

/** What the hover shows for one run at the hovered x. */
export interface ValueAtX {
  runId: string;
  color: string;
  /** The x of the run's point nearest to the hovered x. */
  x: number;
  /** null: the run has a gap there (NaN, ±Infinity, or <= 0 on a log scale). */
  value: number | null;
  smoothed: number | null;
  /** The bucket's extremes and size where the point stands for several. */
  min?: number;
  max?: number;
  count?: number;
}

/** Index of the point nearest to `x` in ascending `xs` (the earlier one on a tie). */
export function nearestIndex(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1]! - x) <= Math.abs(xs[lo]! - x)) return lo - 1;
  return lo;
}

/**
 * Every run's value at a hovered x: each run's nearest point, so runs logged at different steps
 * or times still line up. A run whose points all lie before or after x has nothing there. Sorted
 * by value, highest first, gaps last.
 */
export function valuesAtX(lines: readonly CompareLine[], x: number): ValueAtX[] {
  const out: ValueAtX[] = [];
  for (const line of lines) {
    const n = line.xs.length;
    if (n === 0 || x < line.xs[0]! || x > line.xs[n - 1]!) continue;
    const i = nearestIndex(line.xs, x);
    const bucket = line.count && line.count[i]! > 1;
    out.push({
      runId: line.runId,
      color: line.color,
      x: line.xs[i]!,
      value: line.values[i] ?? null,
      smoothed: line.smoothed[i] ?? null,
      ...(bucket ? { min: line.min![i]!, max: line.max![i]!, count: line.count![i]! } : {}),
    });
  }
  return out.sort((a, b) => (a.value === null ? (b.value === null ? 0 : 1) : b.value === null ? -1 : b.value - a.value));
}
