// The server never sends more points than the chart has pixels. Budgets are rounded up to steps
// of 100 so that small width changes (a scrollbar appearing) reuse the cached series.
export const MIN_POINTS = 100;
export const MAX_POINTS = 2000;

export function pointBudget(widthPx: number): number {
  if (!Number.isFinite(widthPx) || widthPx <= 0) return MIN_POINTS;
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.ceil(widthPx / 100) * 100));
}

/** Points one overlay chart asks for in all: 100 runs share it, so none is drawn point by point. */
export const CHART_POINTS = 20_000;

/**
 * Points per series for a chart of `runs` overlaid lines: about one per pixel, but no more than
 * the chart's share allows, so 100 runs draw as fast as a few. Buckets keep min and max either way.
 */
export function seriesBudget(widthPx: number, runs: number): number {
  const share = Math.floor(CHART_POINTS / Math.max(1, runs) / 100) * 100;
  return Math.max(MIN_POINTS, Math.min(pointBudget(widthPx), share));
}
