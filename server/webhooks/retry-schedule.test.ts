import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./retry-schedule";

describe("webhook retry schedule", () => {
  it("waits 10 s, 30 s, 2 min, 10 min, 1 h, 3 h, 10 h, then gives up after the 8th attempt", () => {
    const middle = () => 0.5;
    expect(Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, middle))).toEqual([
      10_000, 30_000, 120_000, 600_000, 3_600_000, 10_800_000, 36_000_000, null,
    ]);
    expect(retryDelayMs(MAX_ATTEMPTS + 3, middle)).toBeNull();
  });

  it("jitters each wait by at most 20 % either way", () => {
    expect(retryDelayMs(1, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, () => 0.999999)).toBeCloseTo(12_000, -1);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(2)!;
      expect(d).toBeGreaterThanOrEqual(24_000);
      expect(d).toBeLessThanOrEqual(36_000);
    }
  });
});
