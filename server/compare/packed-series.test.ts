import { describe, expect, it } from "vitest";
import { unpackChartSeries } from "@/components/charts/prepare/packed-series";
import { packChartSeries } from "./packed-series";

const f = (...v: number[]) => Float64Array.from(v);

describe("packChartSeries", () => {
  it("round-trips through the browser's decoder, non-finite values included", () => {
    const series = { runId: "run_a", key: "loss", aggregated: true, total: 9, x: f(0, 3, 6), y: f(1, NaN, Infinity), min: f(0, NaN, 2), max: f(2, NaN, Infinity), count: f(3, 3, 3) };
    const out = unpackChartSeries(packChartSeries(series));
    expect(out).toMatchObject({ runId: "run_a", key: "loss", aggregated: true, total: 9 });
    for (const c of ["x", "y", "min", "max", "count"] as const) expect(Array.from(out[c]!)).toEqual(Array.from(series[c]));
  });

  it("sends only x and y for an exact series", () => {
    const packed = packChartSeries({ runId: "r", key: "k", aggregated: false, total: 2, x: f(1, 2), y: f(3, 4), min: null, max: null, count: null });
    expect(Buffer.from(packed.data, "base64").byteLength).toBe(2 * 2 * 8);
    expect(unpackChartSeries(packed)).toMatchObject({ min: null, max: null, count: null });
  });

  it("refuses a payload whose size does not match its point count", () => {
    const packed = packChartSeries({ runId: "r", key: "k", aggregated: false, total: 2, x: f(1, 2), y: f(3, 4), min: null, max: null, count: null });
    expect(() => unpackChartSeries({ ...packed, n: 3 })).toThrow(/bytes for 3 points/);
  });
});
