import { describe, expect, it } from "vitest";
import { downsample, forEachBucket } from "./downsample";

const series = (n: number, f: (i: number) => number) => ({
  steps: Float64Array.from({ length: n }, (_, i) => i),
  values: Float64Array.from({ length: n }, (_, i) => f(i)),
  timestamps: Float64Array.from({ length: n }, (_, i) => 1000 + i),
});

describe("downsample", () => {
  it("returns a series that fits exactly, NaN included", () => {
    const out = downsample(series(5, (i) => (i === 2 ? NaN : i)), 10);
    expect(out.aggregated).toBe(false);
    expect(out.points.map((p) => p.value)).toEqual([0, 1, NaN, 3, 4]);
  });

  it("never exceeds the limit and keeps every bucket's min and max", () => {
    const n = 100_003;
    const out = downsample(series(n, (i) => (i === 77_777 ? 1e9 : i === 5 ? -1e9 : Math.sin(i))), 1000);
    expect(out.aggregated).toBe(true);
    expect(out.points.length).toBeLessThanOrEqual(1000);
    expect(out.points.length).toBeGreaterThan(990);
    expect(Math.max(...out.points.map((p) => p.max ?? p.value))).toBe(1e9);
    expect(Math.min(...out.points.map((p) => p.min ?? p.value))).toBe(-1e9);
    expect(out.points.reduce((s, p) => s + (p.count ?? 1), 0)).toBe(n);
    // Buckets are in step order and cover the whole range.
    const steps = out.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[0]).toBe(0);
  });

  it("leaves NaN out of a bucket's statistics", () => {
    const out = downsample(series(1000, (i) => (i % 2 ? NaN : 2)), 10);
    for (const p of out.points) expect(p).toMatchObject({ value: 2, min: 2, max: 2 });
  });

  it("handles sparse steps without empty buckets", () => {
    const s = { steps: Float64Array.from([0, 1, 2, 1_000_000]), values: Float64Array.from([1, 2, 3, 4]), timestamps: Float64Array.from([1, 2, 3, 4]) };
    const out = downsample(s, 3);
    expect(out.points.map((p) => p.step)).toEqual([0, 1_000_000]);
    expect(out.points[0]).toMatchObject({ min: 1, max: 3, count: 3 });
  });
});

describe("forEachBucket", () => {
  it("buckets any sorted x, here wall-clock milliseconds, and keeps a lone spike", () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 250);
    const y = Float64Array.from({ length: n }, (_, i) => (i === 4321 ? 99 : 1));
    const buckets: { start: number; end: number; value: number; min: number; max: number }[] = [];
    const aggregated = forEachBucket(x, y, 100, (start, end, value, min, max) => buckets.push({ start, end, value, min, max }));
    expect(aggregated).toBe(true);
    expect(buckets.length).toBeLessThanOrEqual(100);
    expect(buckets[0]!.start).toBe(0);
    expect(buckets.at(-1)!.end).toBe(n);
    const spiky = buckets.filter((b) => b.max === 99);
    expect(spiky).toHaveLength(1);
    expect(spiky[0]).toMatchObject({ min: 1, max: 99 });
    expect(spiky[0]!.value).toBeCloseTo((99 + (spiky[0]!.end - spiky[0]!.start - 1)) / (spiky[0]!.end - spiky[0]!.start), 10);
  });

  it("passes a series that fits through point by point", () => {
    const seen: number[][] = [];
    expect(forEachBucket([5, 6], [NaN, 2], 2, (s, e, v, lo, hi) => seen.push([s, e, v, lo, hi]))).toBe(false);
    expect(seen).toEqual([
      [0, 1, NaN, NaN, NaN],
      [1, 2, 2, 2, 2],
    ]);
  });
});

describe("bucket boundaries", () => {
  it("never stalls where a bucket's computed end rounds onto a point (20,000 steps at 300 points)", () => {
    const out = downsample(series(20_000, (i) => i), 300);
    expect(out.points.length).toBeLessThanOrEqual(300);
    expect(out.points.reduce((s, p) => s + (p.count ?? 1), 0)).toBe(20_000);
  });

  it("stays within the limit and covers every point for any budget", () => {
    for (const n of [20_000, 100_000]) {
      const x = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 100);
      const y = new Float64Array(n);
      for (let maxPoints = 100; maxPoints <= 2000; maxPoints += 100) {
        let buckets = 0;
        let covered = 0;
        forEachBucket(x, y, maxPoints, (start, end) => {
          buckets++;
          covered += end - start;
        });
        expect(buckets).toBeLessThanOrEqual(maxPoints);
        expect(covered).toBe(n);
        const steps = series(n, () => 0);
        expect(downsample(steps, maxPoints).points.length).toBeLessThanOrEqual(maxPoints);
      }
    }
  });

  it("keeps to the limit where the range dwarfs the budget's rounding", () => {
    const x = Float64Array.from([0, 1, 1e15]);
    let buckets = 0;
    forEachBucket(x, new Float64Array(3), 2, () => buckets++);
    expect(buckets).toBeLessThanOrEqual(2);
  });
});
