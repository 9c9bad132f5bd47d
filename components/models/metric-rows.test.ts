import { describe, expect, it } from "vitest";
import { comparedMetricKey, lineageNumber, metricCompareRows, type LineageMetric } from "./metric-rows";

const m = (key: string, last: LineageMetric["last"], extra: Partial<LineageMetric> = {}): LineageMetric => ({ key, last, min: last, max: last, step: 1, ...extra });

describe("lineageNumber", () => {
  it("turns the wire strings back into numbers and keeps null missing", () => {
    expect(lineageNumber(0.5)).toBe(0.5);
    expect(lineageNumber("NaN")).toBeNaN();
    expect(lineageNumber("Infinity")).toBe(Infinity);
    expect(lineageNumber("-Infinity")).toBe(-Infinity);
    expect(lineageNumber(null)).toBeNull();
    expect(lineageNumber(undefined)).toBeNull();
  });
});

describe("metricCompareRows", () => {
  it("pairs keys of both versions, a key only one side has is missing on the other", () => {
    const rows = metricCompareRows([m("val/acc", 0.95), m("val/loss", "NaN"), m("train/loss", 0.1)], [m("val/acc", 0.9), m("val/f1", 0.7)]);
    expect(rows.map((r) => r.key)).toEqual(["train/loss", "val/acc", "val/f1", "val/loss"]);
    expect(rows[0]).toEqual({ key: "train/loss", candidate: 0.1, current: null, delta: null });
    expect(rows[1]!.candidate).toBe(0.95);
    expect(rows[1]!.current).toBe(0.9);
    expect(rows[1]!.delta).toBeCloseTo(0.05);
    expect(rows[2]).toEqual({ key: "val/f1", candidate: null, current: 0.7, delta: null });
    expect(rows[3]!.candidate).toBeNaN();
    expect(rows[3]!.delta).toBeNull();
  });

  it("reads the chosen summary and works without a current version", () => {
    const rows = metricCompareRows([m("loss", 0.3, { min: 0.1, max: "Infinity" })], null, "max");
    expect(rows).toEqual([{ key: "loss", candidate: Infinity, current: null, delta: null }]);
    expect(metricCompareRows([m("loss", null)], null)).toEqual([{ key: "loss", candidate: null, current: null, delta: null }]);
  });
});

describe("comparedMetricKey", () => {
  const metrics = [m("zeta", 1), m("alpha", 2)];
  it("prefers the beats-current check's key, then a threshold's, then the first metric", () => {
    expect(
      comparedMetricKey(
        [
          { kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 },
          { kind: "beats_current", key: "val/f1", stat: "max", direction: "higher" },
        ],
        metrics,
      ),
    ).toBe("val/f1");
    expect(comparedMetricKey([{ kind: "run_succeeded" }, { kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 }], metrics)).toBe("val/acc");
    expect(comparedMetricKey([{ kind: "run_succeeded" }], metrics)).toBe("alpha");
    expect(comparedMetricKey([], [])).toBeNull();
  });
});
