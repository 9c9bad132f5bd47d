import type { Points } from "./chunk-codec";

export interface SeriesPoint {
  step: number;
  value: number;
  timestamp: number;
  /** Present when the point stands for a bucket of several points. */
  min?: number;
  max?: number;
  count?: number;
}

export interface Downsampled {
  aggregated: boolean;
  points: SeriesPoint[];
}

/**
 * Receives the points of one bucket, indices [start, end) of the input. A bucket of one point
 * (end - start === 1) is that point as it is: value, min and max are its value, NaN included.
 */
export type BucketSink = (start: number, end: number, value: number, min: number, max: number) => void;

/**
 * Which of `maxPoints` equal x ranges over [first, last] holds x. Membership is decided by one
 * expression for every point, never by a computed bucket end: `first + (b + 1) * width` can round
 * onto a point that divided into bucket b and stall a walk.
 */
export function bucketRule(first: number, last: number, maxPoints: number): (x: number) => number {
  const width = Math.max(1, (last - first + 1) / maxPoints);
  return (v) => Math.min(maxPoints - 1, Math.max(0, Math.floor((v - first) / width))) || 0;
}

/**
 * The one bucketing rule, for any x (step, relative or wall time) sorted ascending: at most
 * `maxPoints` buckets. A series that fits passes through point by point; a larger one is cut into
 * equal x ranges, each answered by its mean with its min and max kept, so no spike disappears.
 * NaN values are left out of a bucket's statistics. Returns whether buckets were formed.
 */
export function forEachBucket(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number, emit: BucketSink): boolean {
  const n = x.length;
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) emit(i, i + 1, y[i]!, y[i]!, y[i]!);
    return false;
  }
  const bucketOf = bucketRule(x[0]!, x[n - 1]!, maxPoints);
  let i = 0;
  while (i < n) {
    const bucket = bucketOf(x[i]!);
    let sum = 0;
    let finite = 0;
    let min = Infinity;
    let max = -Infinity;
    const start = i;
    do {
      const v = y[i]!;
      i++;
      if (Number.isNaN(v)) continue;
      finite++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    } while (i < n && bucketOf(x[i]!) === bucket);
    if (i - start === 1) {
      emit(start, i, y[start]!, y[start]!, y[start]!);
      continue;
    }
    const mean = finite === 0 ? NaN : min === max ? min : sum / finite;
    emit(start, i, mean, finite === 0 ? NaN : min, finite === 0 ? NaN : max);
  }
  return true;
}

/** At most `maxPoints` points of a series bucketed by step (see forEachBucket). */
export function downsample(points: Points, maxPoints: number): Downsampled {
  const out: SeriesPoint[] = [];
  const { steps, values, timestamps } = points;
  const aggregated = forEachBucket(steps, values, maxPoints, (start, end, value, min, max) => {
    if (end - start === 1) out.push({ step: steps[start]!, value: values[start]!, timestamp: timestamps[start]! });
    else out.push({ step: steps[start]!, value, timestamp: timestamps[end - 1]!, min, max, count: end - start });
  });
  return { aggregated, points: out };
}
