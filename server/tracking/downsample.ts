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
 * At most `maxPoints` points: a series that fits comes back exact; a larger one is cut into equal
 * step ranges, each answered by its mean with its min and max kept, so no spike disappears. NaN
 * values are kept as points when exact and left out of a bucket's statistics.
 */
export function downsample(points: Points, maxPoints: number): Downsampled {
  const n = points.steps.length;
  if (n <= maxPoints) {
    const out: SeriesPoint[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = { step: points.steps[i]!, value: points.values[i]!, timestamp: points.timestamps[i]! };
    }
    return { aggregated: false, points: out };
  }
  const first = points.steps[0]!;
  const last = points.steps[n - 1]!;
  const width = Math.max(1, (last - first + 1) / maxPoints);
  const out: SeriesPoint[] = [];
  let i = 0;
  while (i < n) {
    const bucket = Math.floor((points.steps[i]! - first) / width);
    const end = first + (bucket + 1) * width;
    let sum = 0;
    let finite = 0;
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    const start = i;
    for (; i < n && points.steps[i]! < end; i++) {
      const v = points.values[i]!;
      count++;
      if (Number.isNaN(v)) continue;
      finite++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const lastIndex = i - 1;
    if (count === 1) {
      out.push({ step: points.steps[start]!, value: points.values[start]!, timestamp: points.timestamps[start]! });
      continue;
    }
    const mean = finite === 0 ? NaN : min === max ? min : sum / finite;
    out.push({
      step: points.steps[start]!,
      value: mean,
      timestamp: points.timestamps[lastIndex]!,
      min: finite === 0 ? NaN : min,
      max: finite === 0 ? NaN : max,
      count,
    });
  }
  return { aggregated: true, points: out };
}
