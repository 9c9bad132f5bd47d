import { describe, expect, it } from "vitest";
import { shapeSeries } from "./query-charts";

const columns = (n: number, x: (i: number) => number, y: (i: number) => number) => ({
  x: Float64Array.from({ length: n }, (_, i) => x(i)),
  y: Float64Array.from({ length: n }, (_, i) => y(i)),
});

describe("shapeSeries", () => {
  it("keeps a series that fits exactly and says so", () => {
    const s = shapeSeries(columns(3, (i) => i, (i) => i * 10), "step", 0, undefined, 10);
    expect(s).toMatchObject({ aggregated: false, total: 3, min: null, max: null, count: null });
    expect(Array.from(s.y)).toEqual([0, 10, 20]);
  });

  it("cuts the range inclusively at both ends", () => {
    const s = shapeSeries(columns(10, (i) => i * 10, (i) => i), "step", 0, [20, 50], 100);
    expect(Array.from(s.x)).toEqual([20, 30, 40, 50]);
    expect(s.total).toBe(4);
  });

  it("counts relative time from the run's start, or from an earlier first point", () => {
    const late = shapeSeries(columns(3, (i) => 5000 + i * 1000, () => 1), "relative_time", 4000, undefined, 10);
    expect(Array.from(late.x)).toEqual([1000, 2000, 3000]);
    const imported = shapeSeries(columns(3, (i) => 5000 + i * 1000, () => 1), "relative_time", 9_999_999, undefined, 10);
    expect(Array.from(imported.x)).toEqual([0, 1000, 2000]);
  });

  it("aggregates above the limit with min, max and count per bucket", () => {
    const s = shapeSeries(columns(1000, (i) => i, (i) => (i === 500 ? -50 : i % 3)), "step", 0, undefined, 10);
    expect(s.aggregated).toBe(true);
    expect(s.x.length).toBe(10);
    expect(Math.min(...s.min!)).toBe(-50);
    expect(Array.from(s.count!).reduce((a, b) => a + b)).toBe(1000);
  });
});
