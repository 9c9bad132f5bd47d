/** A line's points as columns; a NaN y is a gap, where the line stops and starts again. */
export interface LinePoints {
  x: Float64Array;
  y: Float64Array;
}

type Scale = (value: number) => number | undefined;

/**
 * The SVG path of a line in pixels: "M" after every gap, so a missing value breaks the line
 * instead of pulling it to zero. Points the scales cannot place (off a log axis) are gaps too.
 */
export function linePath(points: LinePoints, sx: Scale, sy: Scale): string {
  let d = "";
  let pen = "M";
  for (let i = 0; i < points.x.length; i++) {
    const y = points.y[i]!;
    const px = Number.isNaN(y) ? undefined : sx(points.x[i]!);
    const py = px === undefined ? undefined : sy(y);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      pen = "M";
      continue;
    }
    d += `${pen}${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`;
    pen = "L";
  }
  return d;
}
