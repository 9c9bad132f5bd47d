import { describe, expect, it } from "vitest";
import { linePath } from "./line-path";

const f = (v: readonly number[]) => Float64Array.from(v);
const sx = (v: number) => v * 10;
const sy = (v: number) => 100 - v;

describe("linePath", () => {
  it("draws points in pixels", () => {
    expect(linePath({ x: f([0, 1, 2]), y: f([0, 50, 100]) }, sx, sy)).toBe("M0,100L10,50L20,0");
  });

  it("breaks the line at a gap instead of drawing a zero", () => {
    expect(linePath({ x: f([0, 1, 2, 3]), y: f([1, NaN, 3, 4]) }, sx, sy)).toBe("M0,99M20,97L30,96");
  });

  it("treats what a scale cannot place as a gap and rounds to a tenth of a pixel", () => {
    const log = (v: number) => (v > 0 ? 50 - 10 * Math.log10(v) : undefined);
    expect(linePath({ x: f([0, 1, 2]), y: f([10, 0, 1000]) }, (v) => v / 3, log)).toBe("M0,40M0.7,20");
  });
});
