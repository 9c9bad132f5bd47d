import { type FixedColumnId, fixedColumnIds, metricColumnId, paramColumnId } from "./columns";
import type { RunRow } from "./types";

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export interface ProjectKeys {
  /** Param keys, the most widely logged first. */
  params: string[];
  /** Metric keys in natural order. */
  metrics: string[];
}

export function collectKeys(runs: readonly RunRow[]): ProjectKeys {
  const paramCounts = new Map<string, number>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const key in run.params) paramCounts.set(key, (paramCounts.get(key) ?? 0) + 1);
    for (const key in run.metrics) metrics.add(key);
  }
  return {
    params: [...paramCounts].sort(([a, x], [b, y]) => y - x || natural.compare(a, b)).map(([k]) => k),
    metrics: [...metrics].sort(natural.compare),
  };
}

export const DEFAULT_PARAM_COLUMNS = 3;
export const DEFAULT_METRIC_COLUMNS = 6;

/** Without a choice in the URL: the run basics, the first few params and each metric's last value. */
export function defaultColumnIds(keys: ProjectKeys): string[] {
  return [
    ...(fixedColumnIds as readonly FixedColumnId[]),
    ...keys.params.slice(0, DEFAULT_PARAM_COLUMNS).map(paramColumnId),
    ...keys.metrics.slice(0, DEFAULT_METRIC_COLUMNS).map((k) => metricColumnId(k, "last")),
  ];
}
