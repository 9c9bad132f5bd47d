import { emaSmooth } from "./ema";
import type { LinePoints } from "./line-path";
import type { ChartSeriesData } from "./packed-series";
import { runColor } from "./run-color";
import { niceDomain } from "./ticks";

/** One run's line in an overlay chart. */
export interface CompareLine {
  runId: string;
  color: string;
  /** SVG dash pattern, set where this run's colour repeats in the comparison (prepare/run-dashes). */
  dash: string | undefined;
  /** The strong line: smoothed when smoothing is on, else the values (bucket means). */
  main: LinePoints;
  /**
   * The faint line under it, or null when it would repeat `main`: the raw values while smoothing,
   * and each bucket's min and max where the series is aggregated, so no spike disappears.
   */
  raw: LinePoints | null;
  /** Per point, for the hover: x, the drawable value and the smoothed one. */
  xs: Float64Array;
  values: (number | null)[];
  smoothed: (number | null)[];
  min: Float64Array | null;
  max: Float64Array | null;
  count: Float64Array | null;
  aggregated: boolean;
  total: number;
}

export interface PreparedCompareChart {
  lines: CompareLine[];
  /** Extent of every run's x, or null when no run has a point. */
  xExtent: [number, number] | null;
  /** What the y-axis shows: round ends on a linear scale, padded and positive on a log one; null without drawable values. */
  yDomain: [number, number] | null;
  /** Round y ticks on a linear scale (a log scale ticks by itself). */
  yTicks: number[] | null;
  /** Values drawn as gaps: NaN or ±Infinity, and on a log scale values <= 0. */
  gaps: number;
  /** Values <= 0 left out because the y-axis is logarithmic. */
  hiddenByLog: number;
  aggregated: boolean;
}

export interface CompareChartOptions {
  /** EMA factor, 0 (off) to 0.99. */
  smoothing: number;
  logY: boolean;
  /** Dash patterns of the comparison's runs (prepare/run-dashes); solid where missing. */
  dashes?: ReadonlyMap<string, string | undefined>;
}

const gapless = (values: readonly (number | null)[]) => Float64Array.from(values, (v) => v ?? NaN);

/**
 * Turns the chart query's series (one per run) into lines: gaps for values that cannot be drawn,
 * EMA over each run's values, a faint raw or min/max line, and the shared axis extents.
 */
export function prepareCompareChart(series: readonly ChartSeriesData[], options: CompareChartOptions): PreparedCompareChart {
  const drawable = (v: number) => Number.isFinite(v) && (!options.logY || v > 0);
  let gaps = 0;
  let hiddenByLog = 0;
  let xLo = Infinity;
  let xHi = -Infinity;
  let yLo = Infinity;
  let yHi = -Infinity;
  const seeY = (ys: Float64Array) => {
    for (const v of ys) {
      if (v < yLo) yLo = v;
      if (v > yHi) yHi = v;
    }
  };

  const lines = series.map((s): CompareLine => {
    const n = s.x.length;
    const values: (number | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = s.y[i]!;
      if (drawable(v)) values[i] = v;
      else {
        values[i] = null;
        gaps++;
        if (options.logY && Number.isFinite(v)) hiddenByLog++;
      }
    }
    if (n > 0) {
      xLo = Math.min(xLo, s.x[0]!);
      xHi = Math.max(xHi, s.x[n - 1]!);
    }
    const smoothing = options.smoothing > 0;
    const smoothed = smoothing ? emaSmooth(values, options.smoothing) : values;
    const main = { x: s.x, y: gapless(smoothed) };
    let raw: LinePoints | null = null;
    if (s.aggregated && s.min && s.max && s.count) raw = envelope(s, values, drawable);
    else if (smoothing) raw = { x: s.x, y: gapless(values) };
    seeY(main.y);
    if (raw) seeY(raw.y);

    return {
      runId: s.runId,
      color: runColor(s.runId),
      dash: options.dashes?.get(s.runId),
      main,
      raw,
      xs: s.x,
      values,
      smoothed,
      min: s.min,
      max: s.max,
      count: s.count,
      aggregated: s.aggregated,
      total: s.total,
    };
  });

  const y = yLo <= yHi ? yAxis(yLo, yHi, options.logY) : null;
  return {
    lines,
    xExtent: xLo <= xHi ? [xLo, xHi] : null,
    yDomain: y?.domain ?? null,
    yTicks: y?.ticks ?? null,
    gaps,
    hiddenByLog,
    aggregated: series.some((s) => s.aggregated),
  };
}

/**
 * The raw line of an aggregated series: a bucket becomes two points at its x, its min and its
 * max, ordered to continue from where the line was, so the line reaches every extreme.
 */
function envelope(s: ChartSeriesData, values: (number | null)[], drawable: (v: number) => boolean): LinePoints {
  const xs: number[] = [];
  const ys: number[] = [];
  let last: number | null = null;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i]!;
    const lo = s.min![i]!;
    const hi = s.max![i]!;
    const extremes = s.count![i]! > 1 ? (lo === hi ? [lo] : [lo, hi]).filter(drawable) : [];
    if (extremes.length === 0) {
      xs.push(x);
      ys.push(values[i] ?? NaN);
      last = values[i] ?? null;
      continue;
    }
    if (extremes.length === 2 && last !== null && Math.abs(last - hi) < Math.abs(last - lo)) extremes.reverse();
    for (const y of extremes) {
      xs.push(x);
      ys.push(y);
    }
    last = extremes.at(-1)!;
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

function yAxis(lo: number, hi: number, log: boolean): { domain: [number, number]; ticks: number[] | null } {
  if (log) return { domain: padDomain(lo, hi, true), ticks: null };
  const [a, b] = hi > lo ? [lo, hi] : padDomain(lo, hi, false);
  return niceDomain(a, b, 5);
}

/** Room around the data: 4% on a linear axis, a fifth of a decade on a log one; a flat line gets some. */
export function padDomain(lo: number, hi: number, log: boolean): [number, number] {
  if (log) {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    const pad = b > a ? (b - a) * 0.04 : 0.2;
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  if (hi > lo) {
    const pad = (hi - lo) * 0.04;
    return [lo - pad, hi + pad];
  }
  const pad = Math.abs(lo) * 0.05 || 1;
  return [lo - pad, hi + pad];
}
