import { bucketRule } from "./downsample";

/** Points per summary entry: a full chunk (1,000 points) keeps 32 entries, about 1.5 KB. */
export const SUMMARY_SPAN = 32;
/** Points per coarse entry (8 per full chunk), for charts whose buckets hold hundreds of points. */
export const COARSE_SPAN = 128;
/**
 * Float64 fields per entry: first step, first timestamp (NaN when the entry's timestamps go
 * backwards in step order), sum, min and max of non-NaN values, and points × 65,536 + non-NaN
 * points (both ≤ a span, so exact). Reads cost what entries weigh, so each field has to earn it.
 */
const FIELDS = 6;
const COUNT_SHIFT = 65_536;

/**
 * A chunk's points in step order, cut into runs of `span` points, each kept as its step range
 * and value statistics. A full-range chart of a long series buckets these instead of every point:
 * each bucket's min and max stay exact; an entry that straddles a bucket edge is counted in the
 * bucket where it starts, which can move a point by at most one bucket (about one pixel).
 */
export function encodeSummary(points: { steps: Float64Array; values: Float64Array; timestamps: Float64Array }, span = SUMMARY_SPAN): Buffer {
  const n = points.steps.length;
  let order: ArrayLike<number> | null = null;
  for (let i = 1; i < n; i++) {
    if (points.steps[i]! < points.steps[i - 1]!) {
      order = Array.from({ length: n }, (_, k) => k).sort((a, b) => points.steps[a]! - points.steps[b]! || a - b);
      break;
    }
  }
  const at = (k: number) => (order ? order[k]! : k);
  const entries = Math.ceil(n / span);
  const out = new Float64Array(entries * FIELDS);
  for (let e = 0; e < entries; e++) {
    const start = e * span;
    const end = Math.min(n, start + span);
    let sum = 0;
    let finite = 0;
    let min = Infinity;
    let max = -Infinity;
    let timeOrdered = true;
    for (let k = start; k < end; k++) {
      if (k > start && points.timestamps[at(k)]! < points.timestamps[at(k - 1)]!) timeOrdered = false;
      const v = points.values[at(k)]!;
      if (Number.isNaN(v)) continue;
      finite++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const o = e * FIELDS;
    out[o] = points.steps[at(start)]!;
    out[o + 1] = timeOrdered ? points.timestamps[at(start)]! : NaN;
    out[o + 2] = sum;
    out[o + 3] = finite ? min : NaN;
    out[o + 4] = finite ? max : NaN;
    out[o + 5] = (end - start) * COUNT_SHIFT + finite;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Summary entries of one series, as parallel columns sorted by first step. */
export interface SummaryColumns {
  first: Float64Array;
  firstTime: Float64Array;
  sum: Float64Array;
  finite: Float64Array;
  min: Float64Array;
  max: Float64Array;
  count: Float64Array;
}

export function decodeSummaries(parts: Float64Array[]): SummaryColumns {
  const total = parts.reduce((n, p) => n + p.length / FIELDS, 0);
  const cols: SummaryColumns = {
    first: new Float64Array(total),
    firstTime: new Float64Array(total),
    sum: new Float64Array(total),
    finite: new Float64Array(total),
    min: new Float64Array(total),
    max: new Float64Array(total),
    count: new Float64Array(total),
  };
  let k = 0;
  for (const p of parts) {
    for (let o = 0; o < p.length; o += FIELDS, k++) {
      cols.first[k] = p[o]!;
      cols.firstTime[k] = p[o + 1]!;
      cols.sum[k] = p[o + 2]!;
      cols.min[k] = p[o + 3]!;
      cols.max[k] = p[o + 4]!;
      cols.count[k] = Math.floor(p[o + 5]! / COUNT_SHIFT);
      cols.finite[k] = p[o + 5]! % COUNT_SHIFT;
    }
  }
  let sorted = true;
  for (let i = 1; i < total && sorted; i++) if (cols.first[i]! < cols.first[i - 1]!) sorted = false;
  if (sorted) return cols;
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => cols.first[a]! - cols.first[b]! || a - b);
  const pick = (c: Float64Array) => Float64Array.from(order, (i) => c[i]!);
  return {
    first: pick(cols.first),
    firstTime: pick(cols.firstTime),
    sum: pick(cols.sum),
    finite: pick(cols.finite),
    min: pick(cols.min),
    max: pick(cols.max),
    count: pick(cols.count),
  };
}

/**
 * Whether the entries, in step order, are also in time order (each entry's times ascend, and each
 * starts no earlier than the one before): then time axes can be bucketed from them too.
 */
export function timeOrdered(s: SummaryColumns): boolean {
  for (let i = 0; i < s.first.length; i++) {
    if (Number.isNaN(s.firstTime[i]!)) return false;
    if (i > 0 && s.firstTime[i]! < s.firstTime[i - 1]!) return false;
  }
  return true;
}

/** Receives one bucket: its first x, mean of non-NaN values, min, max and point count. */
export type SummaryBucketSink = (x: number, value: number, min: number, max: number, count: number) => void;

/**
 * Buckets summary entries into at most `maxPoints` equal x ranges over the series' whole span, the
 * same widths forEachBucket (downsample.ts) cuts from the points themselves. `axis` picks steps or
 * timestamps (shifted by `offset`); timestamps need timeOrdered(). `end` is the series' last x (its
 * highest step, or that point's timestamp), which entries do not keep.
 */
export function bucketSummaries(s: SummaryColumns, maxPoints: number, end: number, emit: SummaryBucketSink, axis: "step" | "time" = "step", offset = 0): void {
  const n = s.first.length;
  if (n === 0) return;
  const xs = axis === "step" ? s.first : s.firstTime;
  const bucketOf = bucketRule(xs[0]! - offset, Math.max(end - offset, xs[n - 1]! - offset), maxPoints);
  let i = 0;
  while (i < n) {
    const bucket = bucketOf(xs[i]! - offset);
    const x = xs[i]! - offset;
    let sum = 0;
    let finite = 0;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    do {
      sum += s.sum[i]!;
      finite += s.finite[i]!;
      count += s.count[i]!;
      if (s.finite[i]! > 0) {
        if (s.min[i]! < min) min = s.min[i]!;
        if (s.max[i]! > max) max = s.max[i]!;
      }
      i++;
    } while (i < n && bucketOf(xs[i]! - offset) === bucket);
    if (finite === 0) emit(x, NaN, NaN, NaN, count);
    else emit(x, min === max ? min : sum / finite, min, max, count);
  }
}
