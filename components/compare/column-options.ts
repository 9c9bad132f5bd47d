import { type MetricAgg, metricAggs, metricColumnId, paramColumnId, parseColumnId } from "../runs/columns";

export interface ColumnOption {
  id: string;
  label: string;
}

/** "lr" for a param, "val/acc (last)" for a metric summary. */
export function columnLabel(id: string): string {
  const c = parseColumnId(id);
  if (!c) return id;
  return c.kind === "metric" ? `${c.key} (${c.agg})` : c.label;
}

export const paramOptions = (params: readonly string[]): ColumnOption[] => params.map((k) => ({ id: paramColumnId(k), label: k }));

export const summaryOptions = (metrics: readonly string[], aggs: readonly MetricAgg[] = metricAggs): ColumnOption[] =>
  metrics.flatMap((k) => aggs.map((agg) => ({ id: metricColumnId(k, agg), label: `${k} (${agg})` })));
