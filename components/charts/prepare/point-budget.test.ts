import { describe, expect, it } from "vitest";
import { MAX_POINTS, MIN_POINTS, pointBudget } from "./point-budget";

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
