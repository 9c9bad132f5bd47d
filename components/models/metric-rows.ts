import type { LineageNumber, ModelLineage } from "@/db/schema";
import type { PolicyCheck } from "@/server/registry/schemas";

export type LineageMetric = ModelLineage["metrics"][number];
export type MetricStat = "last" | "min" | "max";

/** A snapshot value as a number: JSON carries NaN and ±Infinity as strings; null stays missing. */
export function lineageNumber(v: LineageNumber | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  return v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity;
}

export interface MetricCompareRow {
  key: string;
  /** This version's value; null when it has no such metric (shown as "—"). */
  candidate: number | null;
  /** The current holder's value; null when it has none, or there is no current version. */
  current: number | null;
  /** candidate − current when both are finite. */
  delta: number | null;
}

/**
 * The two versions' metric snapshots side by side, one row per key either of them logged, in key
 * order; a key only one side has is missing ("—") on the other.
 */
export function metricCompareRows(
  candidate: readonly LineageMetric[],
  current: readonly LineageMetric[] | null,
  stat: MetricStat = "last",
): MetricCompareRow[] {
  const mine = new Map(candidate.map((m) => [m.key, lineageNumber(m[stat])]));
  const theirs = new Map((current ?? []).map((m) => [m.key, lineageNumber(m[stat])]));
  const keys = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  return keys.map((key) => {
    const a = mine.get(key) ?? null;
    const b = theirs.get(key) ?? null;
    return { key, candidate: a, current: b, delta: a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b) ? a - b : null };
  });
}

/**
 * The metric a request is judged on, for its chart: the key of its "beats the current version"
 * check, else of its first threshold, else the version's first metric; null when it logged none.
 */
export function comparedMetricKey(checks: readonly PolicyCheck[], metrics: readonly LineageMetric[]): string | null {
  const beats = checks.find((c) => c.kind === "beats_current");
  if (beats && "key" in beats) return beats.key;
  const threshold = checks.find((c) => c.kind === "metric_threshold");
  if (threshold && "key" in threshold) return threshold.key;
  return [...metrics].map((m) => m.key).sort()[0] ?? null;
}
