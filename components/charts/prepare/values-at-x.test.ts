import { describe, expect, it } from "vitest";
import { prepareCompareChart } from "./compare-series";
import type { ChartSeriesData } from "./packed-series";
import { nearestIndex, valuesAtX } from "./values-at-x";

const f = (v: readonly number[]) => Float64Array.from(v);
const exact = (runId: string, x: number[], y: number[]): ChartSeriesData => ({ runId, key: "k", aggregated: false, total: x.length, x: f(x), y: f(y), min: null, max: null, count: null });

describe("nearestIndex", () => {
  it("finds the nearest x, the earlier one on a tie", () => {
    const xs = f([0, 10, 20]);
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 4)).toBe(0);
    expect(nearestIndex(xs, 5)).toBe(0);
    expect(nearestIndex(xs, 6)).toBe(1);
    expect(nearestIndex(xs, 25)).toBe(2);
  });
});

describe("valuesAtX", () => {
  it("aligns runs logged at different steps by each run's nearest point", () => {
    const chart = prepareCompareChart([exact("every", [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]), exact("even", [0, 2, 4], [10, 12, 14])], { smoothing: 0, logY: false });
    expect(valuesAtX(chart.lines, 3).map((v) => [v.runId, v.x, v.value])).toEqual([
      ["even", 2, 12],
      ["every", 3, 3],
    ]);
  });

  it("leaves out a run whose points all lie on one side of x, and lists gaps last", () => {
    const chart = prepareCompareChart([exact("late", [100, 200], [1, 2]), exact("gap", [0, 10], [NaN, NaN]), exact("ok", [0, 10], [5, 6])], { smoothing: 0, logY: false });
    const rows = valuesAtX(chart.lines, 9);
    expect(rows.map((r) => r.runId)).toEqual(["ok", "gap"]);
    expect(rows[1]!.value).toBeNull();
  });

  it("carries a bucket's min, max and size, and the smoothed value", () => {
    const series: ChartSeriesData = { runId: "b", key: "k", aggregated: true, total: 20, x: f([0, 10]), y: f([1, 2]), min: f([0, 1]), max: f([5, 3]), count: f([10, 10]) };
    const chart = prepareCompareChart([series], { smoothing: 0.5, logY: false });
    expect(valuesAtX(chart.lines, 1)[0]).toMatchObject({ x: 0, value: 1, smoothed: 1, min: 0, max: 5, count: 10 });
  });
});
