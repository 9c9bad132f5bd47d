import { describe, expect, it } from "vitest";
import { pixelAtX, xAtPixel, zoomRange } from "./plot-geometry";

describe("plot geometry", () => {
  it("maps pixels to x and back", () => {
    expect(xAtPixel(50, 200, [100, 300])).toBe(150);
    expect(pixelAtX(150, 200, [100, 300])).toBe(50);
    expect(xAtPixel(-10, 200, [100, 300])).toBe(100);
    expect(xAtPixel(999, 200, [100, 300])).toBe(300);
  });

  it("turns a drag into a range in either direction, and ignores a click", () => {
    expect(zoomRange(150, 50, 200, [0, 1000])).toEqual([250, 750]);
    expect(zoomRange(50, 53, 200, [0, 1000])).toBeNull();
  });
});
