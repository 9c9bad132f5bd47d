import { describe, expect, it } from "vitest";
import type { Points } from "./chunk-codec";
import { bucketSummaries, COARSE_SPAN, decodeSummaries, encodeSummary, SUMMARY_SPAN, timeOrdered } from "./chunk-summary";
import { forEachBucket } from "./downsample";

function series(n: number, from = 0, value = (s: number) => Math.sin(s / 50)): Points {
  const steps = Float64Array.from({ length: n }, (_, i) => from + i);
  return { steps, values: steps.map(value), timestamps: steps.map((s) => 1_000 + s) };
}

const f64 = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

function buckets(parts: Points[], maxPoints: number) {
  const out: { x: number; y: number; min: number; max: number; count: number }[] = [];
  const end = Math.max(...parts.map((p) => p.steps[p.steps.length - 1]!));
  bucketSummaries(decodeSummaries(parts.map((p) => f64(encodeSummary(p)))), maxPoints, end, (x, y, min, max, count) => out.push({ x, y, min, max, count }));
  return out;
}

describe("chunk summaries", () => {
  it("keep first step, sum, non-NaN count, min, max and points per span", () => {
    const values = new Float64Array(40).fill(1);
    values[3] = NaN;
    values[5] = -2;
    values[35] = 9;
    const p: Points = { steps: Float64Array.from({ length: 40 }, (_, i) => 100 + i), values, timestamps: new Float64Array(40) };
    const s = decodeSummaries([f64(encodeSummary(p))]);
    expect(Array.from(s.first)).toEqual([100, 100 + SUMMARY_SPAN]);
    expect(Array.from(s.finite)).toEqual([SUMMARY_SPAN - 1, 8]);
    expect(Array.from(s.min)).toEqual([-2, 1]);
    expect(Array.from(s.max)).toEqual([1, 9]);
    expect(Array.from(s.count)).toEqual([SUMMARY_SPAN, 8]);
    expect(s.sum[0]).toBe(SUMMARY_SPAN - 2 - 2);
    const coarse = decodeSummaries([f64(encodeSummary(p, COARSE_SPAN))]);
    expect([coarse.first.length, coarse.count[0], coarse.min[0], coarse.max[0], coarse.finite[0]]).toEqual([1, 40, -2, 9, 39]);
  });

  it("sort a chunk logged out of order", () => {
    const p: Points = { steps: Float64Array.from([5, 1, 3, 2]), values: Float64Array.from([50, 10, 30, 20]), timestamps: new Float64Array(4) };
    const s = decodeSummaries([f64(encodeSummary(p))]);
    expect([s.first[0], s.min[0], s.max[0], s.count[0]]).toEqual([1, 10, 50, 4]);
    // Timestamps that go backwards in step order mark the entry: time axes read its points.
    expect(timeOrdered(s)).toBe(true);
    const back = decodeSummaries([f64(encodeSummary({ ...p, timestamps: Float64Array.from([1, 4, 3, 2]) }))]);
    expect(timeOrdered(back)).toBe(false);
  });

  it("bucket like the points do when entries fall inside buckets, and never lose a spike", () => {
    const p = series(100_000, 0, (s) => (s === 77_777 ? 42 : s === 12_345 ? -42 : Math.cos(s / 1000)));
    const chunks = Array.from({ length: 100 }, (_, c) => ({
      steps: p.steps.subarray(c * 1000, (c + 1) * 1000),
      values: p.values.subarray(c * 1000, (c + 1) * 1000),
      timestamps: p.timestamps.subarray(c * 1000, (c + 1) * 1000),
    }));
    // 100,000 steps in 100 buckets of 1,000 steps: every entry lies inside one bucket.
    const fromSummaries = buckets(chunks, 100);
    const fromPoints: { x: number; y: number; min: number; max: number; count: number }[] = [];
    forEachBucket(p.steps, p.values, 100, (start, end, y, min, max) => fromPoints.push({ x: p.steps[start]!, y, min, max, count: end - start }));
    expect(fromSummaries.length).toBe(100);
    for (let i = 0; i < 100; i++) {
      expect(fromSummaries[i]!.x).toBe(fromPoints[i]!.x);
      expect(fromSummaries[i]!.count).toBe(fromPoints[i]!.count);
      expect(fromSummaries[i]!.min).toBe(fromPoints[i]!.min);
      expect(fromSummaries[i]!.max).toBe(fromPoints[i]!.max);
      expect(fromSummaries[i]!.y).toBeCloseTo(fromPoints[i]!.y, 9);
    }
    // Unaligned widths: still every point counted once and both spikes kept.
    const odd = buckets(chunks, 997);
    expect(odd.length).toBeLessThanOrEqual(997);
    expect(odd.reduce((n, b) => n + b.count, 0)).toBe(100_000);
    expect(Math.max(...odd.map((b) => b.max))).toBe(42);
    expect(Math.min(...odd.map((b) => b.min))).toBe(-42);
    // By time, shifted to a start: the same buckets here, since time = 1,000 + step.
    const byTime: number[] = [];
    bucketSummaries(decodeSummaries(chunks.map((c) => f64(encodeSummary(c)))), 100, 1_000 + 99_999, (x) => byTime.push(x), "time", 1_000);
    expect(byTime).toEqual(fromSummaries.map((b) => b.x));
  });

  it("answer NaN for a bucket without a finite value, as forEachBucket does", () => {
    const p = series(64, 0, () => NaN);
    expect(buckets([p], 1)).toEqual([{ x: 0, y: NaN, min: NaN, max: NaN, count: 64 }]);
  });
});
