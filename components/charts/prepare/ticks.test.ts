import { describe, expect, it } from "vitest";
import { durationStep, niceDomain, niceStep, niceTicks, timeTicks } from "./ticks";

describe("ticks", () => {
  it("picks round steps", () => {
    expect(niceStep(299, 4)).toBe(100);
    expect(niceStep(2.09, 5)).toBe(0.5);
    expect(niceStep(0.0003, 3)).toBeCloseTo(0.0001, 12);
    expect(niceStep(0, 5)).toBe(1);
  });

  it("keeps ticks inside the domain, at round values", () => {
    expect(niceTicks(0, 299, 4)).toEqual([0, 100, 200]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  it("widens a domain to round ends", () => {
    expect(niceDomain(0.0082, 2.09, 5)).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(niceDomain(-0.036, 0.939, 5).domain).toEqual([-0.2, 1]);
  });

  it("cuts time into round durations, on local clock time", () => {
    expect(durationStep(300_000, 5)).toBe(60_000);
    expect(timeTicks(0, 300_000, 5)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    // With the clock 30 minutes off UTC, hourly ticks fall on the half hour of UTC.
    expect(timeTicks(0, 4 * 3_600_000, 4, 1_800_000)).toEqual([1_800_000, 5_400_000, 9_000_000, 12_600_000]);
    expect(timeTicks(0, 250, 5)).toEqual([0, 50, 100, 150, 200, 250]);
  });
});
