import { describe, expect, it } from "vitest";
import { prepareMetricSeries } from "./metric-series";

const p = (step: number, value: number, extra: { min?: number; max?: number; count?: number } = {}) => ({
  step,
  value,
  timestamp: 1_700_000_000_000 + step,
  ...extra,
});

describe("prepareMetricSeries", () => {
  it("uses the step as x and keeps exact points without bands", () => {
    const s = prepareMetricSeries([p(0, 1), p(1, 0.5)]);
    expect(s.rows).toEqual([
      { step: 0, value: 1, smoothed: 1, band: null, count: 1 },
      { step: 1, value: 0.5, smoothed: 0.5, band: null, count: 1 },
    ]);
    expect(s.hasBand).toBe(false);
    expect(s.smoothed).toBe(false);
    expect(s.nonFinite).toBe(0);
  });

  it("turns NaN and ±Infinity into gaps, never zeros", () => {
    const s = prepareMetricSeries([p(0, 1), p(1, NaN), p(2, Infinity), p(3, -Infinity), p(4, 2)]);
    expect(s.rows.map((r) => r.value)).toEqual([1, null, null, null, 2]);
    expect(s.nonFinite).toBe(3);
    expect(s.rows.some((r) => r.value === 0)).toBe(false);
  });

  it("draws a min–max band for aggregated points", () => {
    const s = prepareMetricSeries([p(0, 0.5, { min: 0.1, max: 0.9, count: 10 }), p(10, 0.4, { min: 0.4, max: 0.4, count: 1 })]);
    expect(s.rows[0]!.band).toEqual([0.1, 0.9]);
    expect(s.rows[1]!.band).toBeNull();
    expect(s.hasBand).toBe(true);
  });

  it("leaves a band out where the bucket's range is not finite", () => {
    const s = prepareMetricSeries([p(0, NaN, { min: NaN, max: NaN, count: 3 }), p(5, 1, { min: -Infinity, max: 2, count: 4 })]);
    expect(s.rows.map((r) => r.band)).toEqual([null, null]);
    expect(s.rows[0]!.value).toBeNull();
    expect(s.hasBand).toBe(false);
  });

  it("smooths with EMA and keeps gaps in the smoothed line", () => {
    const s = prepareMetricSeries([p(0, 0), p(1, NaN), p(2, 10)], { smoothing: 0.5 });
    expect(s.smoothed).toBe(true);
    expect(s.rows.map((r) => r.value)).toEqual([0, null, 10]);
    expect(s.rows[1]!.smoothed).toBeNull();
    expect(s.rows[2]!.smoothed).toBeCloseTo(5 / 0.75, 10);
  });

  it("asks for dots only on short series", () => {
    expect(prepareMetricSeries([p(0, 1)]).dots).toBe(true);
    expect(prepareMetricSeries(Array.from({ length: 500 }, (_, i) => p(i, i))).dots).toBe(false);
  });

  it("drops points without a usable step", () => {
    expect(prepareMetricSeries([p(NaN, 1), p(1, 1)]).rows).toHaveLength(1);
  });
});
