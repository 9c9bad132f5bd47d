import type { PackedChartSeries } from "@/server/compare/schemas";

/** One run's metric as the chart query answers it, unpacked into columns. */
export interface ChartSeriesData {
  runId: string;
  key: string;
  aggregated: boolean;
  /** Points in the asked range before downsampling. */
  total: number;
  x: Float64Array;
  /** The value, or the bucket's mean where count > 1. */
  y: Float64Array;
  /** Per point, present only when aggregated; a point with count 1 is exact. */
  min: Float64Array | null;
  max: Float64Array | null;
  count: Float64Array | null;
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decodes compare.chart's packed series: float64 LE columns x, y (then min, max, count). */
export function unpackChartSeries(p: PackedChartSeries): ChartSeriesData {
  const columns = p.aggregated ? 5 : 2;
  const bytes = base64Bytes(p.data);
  if (bytes.byteLength !== p.n * columns * 8) throw new Error(`packed series ${p.runId}/${p.key}: ${bytes.byteLength} bytes for ${p.n} points`);
  const all = new Float64Array(bytes.buffer, 0, p.n * columns);
  const column = (i: number) => all.subarray(i * p.n, (i + 1) * p.n);
  return {
    runId: p.runId,
    key: p.key,
    aggregated: p.aggregated,
    total: p.total,
    x: column(0),
    y: column(1),
    min: p.aggregated ? column(2) : null,
    max: p.aggregated ? column(3) : null,
    count: p.aggregated ? column(4) : null,
  };
}
