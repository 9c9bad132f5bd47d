// The server never sends more points than the chart has pixels. Budgets are rounded up to steps
// of 100 so that small width changes (a scrollbar appearing) reuse the cached series.
export const MIN_POINTS = 100;
export const MAX_POINTS = 2000;

export function pointBudget(widthPx: number): number {
  if (!Number.isFinite(widthPx) || widthPx <= 0) return MIN_POINTS;
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.ceil(widthPx / 100) * 100));
}
