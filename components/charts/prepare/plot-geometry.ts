// Where the plot area sits inside an overlay chart, shared by the chart (recharts margins and
// axis sizes) and the pointer layer on top of it, which maps pixels back to x.
export const PLOT_MARGIN = { top: 8, right: 16, bottom: 0, left: 0 } as const;
export const Y_AXIS_WIDTH = 56;
export const X_AXIS_HEIGHT = 30;

/** The plot area's offsets from the chart's edges, in pixels. */
export const PLOT_INSET = {
  left: PLOT_MARGIN.left + Y_AXIS_WIDTH,
  right: PLOT_MARGIN.right,
  top: PLOT_MARGIN.top,
  bottom: PLOT_MARGIN.bottom + X_AXIS_HEIGHT,
} as const;

/** The x at a pixel of a plot `width` wide showing `domain`, clamped to the domain. */
export function xAtPixel(px: number, width: number, domain: readonly [number, number]): number {
  if (width <= 0) return domain[0];
  const t = Math.min(1, Math.max(0, px / width));
  return domain[0] + t * (domain[1] - domain[0]);
}

/** The pixel of an x in a plot `width` wide showing `domain`. */
export function pixelAtX(x: number, width: number, domain: readonly [number, number]): number {
  const span = domain[1] - domain[0];
  return span > 0 ? ((x - domain[0]) / span) * width : width / 2;
}

/** A dragged pixel span as an x range, or null when it is too narrow to be meant as a zoom. */
export function zoomRange(fromPx: number, toPx: number, width: number, domain: readonly [number, number], minPx = 6): [number, number] | null {
  if (Math.abs(toPx - fromPx) < minPx) return null;
  const a = xAtPixel(Math.min(fromPx, toPx), width, domain);
  const b = xAtPixel(Math.max(fromPx, toPx), width, domain);
  return b > a ? [a, b] : null;
}
