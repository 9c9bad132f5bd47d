import type { ChartSeries } from "./query-charts";
import type { PackedChartSeries } from "./schemas";

/** Packs a chart series for tRPC: float64 LE columns x, y (and min, max, count) as base64. */
export function packChartSeries(s: ChartSeries): PackedChartSeries {
  const n = s.x.length;
  const columns = s.aggregated ? [s.x, s.y, s.min!, s.max!, s.count!] : [s.x, s.y];
  const all = new Float64Array(n * columns.length);
  columns.forEach((c, i) => all.set(c, i * n));
  return {
    runId: s.runId,
    key: s.key,
    aggregated: s.aggregated,
    total: s.total,
    n,
    data: Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString("base64"),
  };
}
