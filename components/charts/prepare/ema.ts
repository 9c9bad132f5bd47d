/** Clamps a smoothing factor to the range the UI offers; anything invalid means "no smoothing". */
export function clampSmoothing(factor: number): number {
  if (!Number.isFinite(factor) || factor <= 0) return 0;
  return Math.min(0.99, factor);
}

/**
 * Exponential moving average with bias correction (as TensorBoard does), so the first points are
 * not dragged towards zero. Gaps (null) stay gaps and do not reset the average: the line resumes
 * where the series resumes.
 */
export function emaSmooth(values: readonly (number | null)[], factor: number): (number | null)[] {
  const f = clampSmoothing(factor);
  if (f === 0) return values.slice();
  let average = 0;
  let seen = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    average = average * f + (1 - f) * v;
    seen++;
    return average / (1 - f ** seen);
  });
}
