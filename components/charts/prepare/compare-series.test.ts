import { describe, expect, it } from "vitest";
import { padDomain, prepareCompareChart } from "./compare-series";
import type { LinePoints } from "./line-path";
import type { ChartSeriesData } from "./packed-series";
import { runColor } from "./run-color";

const f = (v: readonly number[]) => Float64Array.from(v);
const exact = (runId: string, x: number[], y: number[]): ChartSeriesData => ({ runId, key: "k", aggregated: false, total: x.length, x: f(x), y: f(y), min: null, max: null, count: null });
const buckets = (runId: string, rows: [x: number, mean: number, min: number, max: number, count: number][]): ChartSeriesData => ({
  runId,
  key: "k",
  aggregated: true,
  total: rows.reduce((n, r) => n + r[4], 0),
  x: f(rows.map((r) => r[0])),
  y: f(rows.map((r) => r[1])),
  min: f(rows.map((r) => r[2])),
  max: f(rows.map((r) => r[3])),
  count: f(rows.map((r) => r[4])),
});
const off = { smoothing: 0, logY: false };
/** A line's y values with gaps as null. */
const ys = (p: LinePoints | null) => (p ? Array.from(p.y, (v) => (Number.isNaN(v) ? null : v)) : null);
const xs = (p: LinePoints | null) => (p ? Array.from(p.x) : null);

describe("prepareCompareChart", () => {
  it("draws each run in its own stable colour, exact series as one line", () => {
    const chart = prepareCompareChart([exact("run_a", [0, 1], [1, 2]), exact("run_b", [0, 2], [3, 4])], off);
    expect(chart.lines.map((l) => l.color)).toEqual([runColor("run_a"), runColor("run_b")]);
    expect(xs(chart.lines[0]!.main)).toEqual([0, 1]);
    expect(ys(chart.lines[0]!.main)).toEqual([1, 2]);
    expect(chart.lines[0]!.raw).toBeNull();
    expect(chart.xExtent).toEqual([0, 2]);
    expect(chart.aggregated).toBe(false);
    // Round y ends and ticks around 1..4.
    expect(chart.yDomain).toEqual([1, 4]);
    expect(chart.yTicks).toEqual([1, 2, 3, 4]);
  });

  it("smooths with a bias-corrected EMA, checked by hand, and keeps the raw line faint", () => {
    // f = 0.5: a1 = 0.5·1 = 0.5 → 0.5/0.5 = 1; a2 = 0.25 + 1 = 1.25 → 1.25/0.75; a3 = 0.625 + 2 = 2.625 → 2.625/0.875 = 3.
    const chart = prepareCompareChart([exact("run_a", [0, 1, 2], [1, 2, 4])], { smoothing: 0.5, logY: false });
    const line = chart.lines[0]!;
    expect(line.main.y[0]).toBeCloseTo(1, 12);
    expect(line.main.y[1]).toBeCloseTo(1.25 / 0.75, 12);
    expect(line.main.y[2]).toBeCloseTo(3, 12);
    expect(xs(line.raw)).toEqual([0, 1, 2]);
    expect(ys(line.raw)).toEqual([1, 2, 4]);
  });

  it("turns NaN and ±Infinity into gaps, never zeros, and smooths across them", () => {
    const chart = prepareCompareChart([exact("run_a", [0, 1, 2, 3], [2, NaN, Infinity, 4])], { smoothing: 0.5, logY: false });
    const line = chart.lines[0]!;
    expect(ys(line.raw)).toEqual([2, null, null, 4]);
    expect(ys(line.main)!.map((y) => y === null)).toEqual([false, true, true, false]);
    // Two values seen: (0.5·(0.5·2) + 0.5·4) / (1 − 0.25)
    expect(line.main.y[3]).toBeCloseTo((0.5 * 0.5 * 2 + 0.5 * 4) / 0.75, 12);
    expect(chart.gaps).toBe(2);
    expect(ys(line.main)!.includes(0)).toBe(false);
  });

  it("draws an aggregated series' faint line through every bucket's min and max, so a lone spike shows", () => {
    const chart = prepareCompareChart([buckets("run_a", [[0, 1, 1, 1, 10], [10, 1.9, 1, 10, 10], [20, 1, 1, 1, 10]])], off);
    const line = chart.lines[0]!;
    expect(ys(line.main)).toEqual([1, 1.9, 1]);
    expect(ys(line.raw)).toEqual([1, 1, 10, 1]);
    expect(xs(line.raw)).toEqual([0, 10, 10, 20]);
    expect(chart.yDomain![1]).toBeGreaterThanOrEqual(10);
  });

  it("orders a bucket's extremes to continue from the previous point", () => {
    const chart = prepareCompareChart([buckets("run_a", [[0, 9, 9, 9, 1], [5, 5, 0, 10, 4]])], off);
    // From 9 the max (10) is nearer than the min (0): max first.
    expect(ys(chart.lines[0]!.raw)).toEqual([9, 10, 0]);
  });

  it("hides values <= 0 on a log scale, counts them, and keeps the domain positive", () => {
    const chart = prepareCompareChart([exact("run_a", [0, 1, 2, 3], [0, -1, 0.01, 100])], { smoothing: 0, logY: true });
    expect(ys(chart.lines[0]!.main)).toEqual([null, null, 0.01, 100]);
    expect(chart.hiddenByLog).toBe(2);
    expect(chart.yDomain![0]).toBeGreaterThan(0);
    expect(chart.yDomain![0]).toBeLessThan(0.01);
    expect(chart.yDomain![1]).toBeGreaterThan(100);
  });

  it("dashes a run whose colour another compared run already has", () => {
    const chart = prepareCompareChart([exact("run_a", [0], [1])], { ...off, dashes: new Map([["run_a", "6 3"]]) });
    expect(chart.lines[0]!.dash).toBe("6 3");
    expect(prepareCompareChart([exact("run_a", [0], [1])], off).lines[0]!.dash).toBeUndefined();
  });

  it("has no extents without points", () => {
    const chart = prepareCompareChart([exact("run_a", [], [])], off);
    expect(chart.xExtent).toBeNull();
    expect(chart.yDomain).toBeNull();
  });
});

describe("padDomain", () => {
  it("pads linear and log axes and opens up a flat line", () => {
    expect(padDomain(0, 100, false)).toEqual([-4, 104]);
    expect(padDomain(5, 5, false)).toEqual([4.75, 5.25]);
    expect(padDomain(0, 0, false)).toEqual([-1, 1]);
    const [lo, hi] = padDomain(1, 1000, true);
    expect(lo).toBeCloseTo(10 ** -0.12, 10);
    expect(hi).toBeCloseTo(10 ** 3.12, 8);
  });
});
