import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatMetric, formatTick } from "./format";

describe("formatMetric", () => {
  it("spells out missing and non-finite values", () => {
    expect(formatMetric(null)).toBe("—");
    expect(formatMetric(undefined)).toBe("—");
    expect(formatMetric(NaN)).toBe("NaN");
    expect(formatMetric(Infinity)).toBe("∞");
    expect(formatMetric(-Infinity)).toBe("−∞");
  });
  it("keeps five significant digits and switches to exponents at the extremes", () => {
    expect(formatMetric(0)).toBe("0");
    expect(formatMetric(0.123456789)).toBe("0.12346");
    expect(formatMetric(42)).toBe("42");
    expect(formatMetric(1234.56789)).toBe("1234.6");
    expect(formatMetric(0.00001234)).toBe("1.234e-5");
    expect(formatMetric(12_345_678)).toBe("1.235e+7");
    expect(formatMetric(-0.5)).toBe("-0.5");
  });
});

describe("formatTick", () => {
  it("is short", () => {
    expect(formatTick(12_000)).toBe("12k");
    expect(formatTick(2_500_000)).toBe("2.5M");
    expect(formatTick(0.12345)).toBe("0.123");
    expect(formatTick(0.00012)).toBe("1.2e-4");
    expect(formatTick(0)).toBe("0");
  });
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(1024 * 1024)).toBe("1 MiB");
    expect(formatBytes(-1)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("picks the two largest units", () => {
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(185_000)).toBe("3m 05s");
    expect(formatDuration(3_720_000)).toBe("1h 02m");
    expect(formatDuration(90_000_000)).toBe("1d 01h");
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-5)).toBe("—");
  });
});
