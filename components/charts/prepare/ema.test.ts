import { describe, expect, it } from "vitest";
import { clampSmoothing, emaSmooth } from "./ema";

describe("emaSmooth", () => {
  it("returns the values unchanged at factor 0", () => {
    expect(emaSmooth([1, null, 3], 0)).toEqual([1, null, 3]);
  });
  it("is bias-corrected: a constant series stays constant", () => {
    for (const v of emaSmooth([5, 5, 5, 5], 0.9)) expect(v).toBeCloseTo(5, 10);
  });
  it("keeps gaps as gaps and resumes the average after them", () => {
    const out = emaSmooth([0, null, 10], 0.5);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeNull();
    // Two points seen: (0.5*0 + 0.5*10) / (1 - 0.25)
    expect(out[2]).toBeCloseTo(5 / 0.75, 10);
  });
  it("lags a step change by the factor", () => {
    const out = emaSmooth([0, 0, 0, 10, 10], 0.6);
    expect(out[3]!).toBeGreaterThan(0);
    expect(out[3]!).toBeLessThan(10);
    expect(out[4]!).toBeGreaterThan(out[3]!);
  });
});

describe("clampSmoothing", () => {
  it("keeps the factor within 0..0.99", () => {
    expect(clampSmoothing(-1)).toBe(0);
    expect(clampSmoothing(NaN)).toBe(0);
    expect(clampSmoothing(0.5)).toBe(0.5);
    expect(clampSmoothing(1)).toBe(0.99);
  });
});
