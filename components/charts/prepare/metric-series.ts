import { emaSmooth } from "./ema";

/** One point as `runs.metric` returns it; bucketed points carry their bucket's min, max and count. */
export interface MetricPoint {
  step: number;
  value: number;
  timestamp: number;
  min?: number;
  max?: number;
  count?: number;
}

/** One chart row, x = step. A null is drawn as a gap, never as zero. */
export interface MetricRow {
  step: number;
  value: number | null;
  smoothed: number | null;
  /** The bucket's [min, max] band, or null where the point is exact or its range is not finite. */
  band: [number, number] | null;
  count: number;
}

export interface PreparedSeries {
  rows: MetricRow[];
  /** True when at least one row has a band to draw. */
  hasBand: boolean;
  /** True when a smoothed line differs from the raw one and should be drawn. */
  smoothed: boolean;
  /** Points whose value was NaN or ±Infinity, shown as gaps. */
  nonFinite: number;
  /** Draw a dot per point: a short series (or isolated points between gaps) has no visible line. */
  dots: boolean;
}

/** Up to this many points a series is drawn with dots as well as a line. */
export const DOTS_UP_TO = 40;

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** Turns the server's points into chart rows: non-finite values become gaps, buckets get bands. */
export function prepareMetricSeries(points: readonly MetricPoint[], options: { smoothing?: number } = {}): PreparedSeries {
  let nonFinite = 0;
  let hasBand = false;
  const values: (number | null)[] = [];
  const base = points
    .filter((p) => Number.isFinite(p.step))
    .map((p) => {
      const value = finite(p.value) ? p.value : null;
      if (value === null) nonFinite++;
      values.push(value);
      const band: [number, number] | null =
        p.count !== undefined && p.count > 1 && finite(p.min) && finite(p.max) ? [p.min, p.max] : null;
      if (band) hasBand = true;
      return { step: p.step, value, band, count: p.count ?? 1 };
    });
  const factor = options.smoothing ?? 0;
  const smooth = factor > 0 ? emaSmooth(values, factor) : values;
  return {
    rows: base.map((row, i) => ({ ...row, smoothed: smooth[i] ?? null })),
    hasBand,
    smoothed: factor > 0,
    nonFinite,
    dots: base.length <= DOTS_UP_TO,
  };
}
