import { describe, expect, it } from "vitest";
import { formatX, xTickFormatter, xTicks } from "./x-axis";

describe("x-axis formatting", () => {
  it("formats steps compactly and relative time as durations", () => {
    expect(xTickFormatter("step", 1e5)(25_000)).toBe("25k");
    expect(xTickFormatter("relative_time", 1e6)(0)).toBe("0s");
    expect(xTickFormatter("relative_time", 1e6)(185_000)).toBe("3m 05s");
    expect(formatX("step", 42)).toBe("Step 42");
    expect(formatX("relative_time", 250)).toBe("250 ms");
  });

  it("shows clock times, with the date once a chart spans days", () => {
    const at = new Date(2025, 0, 31, 9, 5, 7).getTime();
    expect(xTickFormatter("wall_time", 3_600_000)(at)).toBe("09:05");
    expect(xTickFormatter("wall_time", 60_000)(at)).toBe("09:05:07");
    expect(xTickFormatter("wall_time", 3 * 86_400_000)(at)).toBe("2025-01-31 09:05");
    expect(formatX("wall_time", at)).toBe("2025-01-31 09:05:07");
  });
});

describe("xTicks", () => {
  it("puts ticks at round steps and whole durations", () => {
    expect(xTicks("step", [0, 299])).toEqual([0, 50, 100, 150, 200, 250]);
    expect(xTicks("relative_time", [0, 299_000])).toEqual([0, 60_000, 120_000, 180_000, 240_000]);
  });

  it("puts wall-clock ticks on round local times", () => {
    const start = new Date(2025, 0, 31, 9, 7).getTime();
    const ticks = xTicks("wall_time", [start, start + 3_600_000]);
    expect(ticks.map((t) => new Date(t).getMinutes() % 10)).toEqual(ticks.map(() => 0));
  });
});
