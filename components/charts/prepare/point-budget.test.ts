import { describe, expect, it } from "vitest";
import { CHART_POINTS, MAX_POINTS, MIN_POINTS, pointBudget, seriesBudget } from "./point-budget";

describe("pointBudget", () => {
  it("asks for about one point per pixel, in steps of 100", () => {
    expect(pointBudget(512)).toBe(600);
    expect(pointBudget(600)).toBe(600);
  });
  it("stays within bounds", () => {
    expect(pointBudget(0)).toBe(MIN_POINTS);
    expect(pointBudget(NaN)).toBe(MIN_POINTS);
    expect(pointBudget(50_000)).toBe(MAX_POINTS);
  });
});

describe("seriesBudget", () => {
  it("is the pixel budget for a few runs", () => {
    expect(seriesBudget(800, 3)).toBe(800);
  });
  it("shares the chart's points among many runs, in steps of 100", () => {
    expect(seriesBudget(1200, 100)).toBe(200);
    expect(seriesBudget(1200, 100) * 100).toBeLessThanOrEqual(CHART_POINTS);
    expect(seriesBudget(1200, 15)).toBe(1200);
    expect(seriesBudget(1200, 30)).toBe(600);
  });
  it("never goes below the minimum", () => {
    expect(seriesBudget(1200, 10_000)).toBe(MIN_POINTS);
    expect(seriesBudget(0, 0)).toBe(MIN_POINTS);
  });
});
