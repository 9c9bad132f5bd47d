import { runStatuses } from "@/db/schema/enums";
import type { RunRow } from "./types";

// Column ids are what the URL stores: fixed names, `p:<param key>` and `m:<agg>:<metric key>`.
// The key comes last because metric keys may themselves contain ":".
export const metricAggs = ["last", "min", "max"] as const;
export type MetricAgg = (typeof metricAggs)[number];

export const fixedColumnIds = ["status", "started", "duration", "creator"] as const;
export type FixedColumnId = (typeof fixedColumnIds)[number];

export type Column =
  | { kind: "name"; id: "name"; label: string }
  | { kind: "fixed"; id: FixedColumnId; label: string }
  | { kind: "param"; id: string; key: string; label: string }
  | { kind: "metric"; id: string; key: string; agg: MetricAgg; label: string };

const fixedLabels: Record<FixedColumnId, string> = {
  status: "Status",
  started: "Started",
  duration: "Duration",
  creator: "Creator",
};

export const NAME_COLUMN: Column = { kind: "name", id: "name", label: "Name" };
export const paramColumnId = (key: string) => `p:${key}`;
export const metricColumnId = (key: string, agg: MetricAgg) => `m:${agg}:${key}`;

export function parseColumnId(id: string): Column | null {
  if (id === "name") return NAME_COLUMN;
  if ((fixedColumnIds as readonly string[]).includes(id)) {
    const fixed = id as FixedColumnId;
    return { kind: "fixed", id: fixed, label: fixedLabels[fixed] };
  }
  if (id.startsWith("p:") && id.length > 2) return { kind: "param", id, key: id.slice(2), label: id.slice(2) };
  const m = /^m:(last|min|max):(.+)$/s.exec(id);
  if (m) {
    const agg = m[1] as MetricAgg;
    const key = m[2]!;
    return { kind: "metric", id, key, agg, label: agg === "last" ? key : `${key} (${agg})` };
  }
  return null;
}

/** Column width in pixels: fixed so that the virtualised rows line up with the sticky header. */
export function columnWidth(column: Column): number {
  switch (column.kind) {
    case "name":
      return 240;
    case "fixed":
      return { status: 110, started: 150, duration: 100, creator: 130 }[column.id];
    default:
      return 130;
  }
}

/** Wall time of a run: to its end, or to `now` while it has none. */
export function runDurationMs(run: Pick<RunRow, "startedAt" | "endedAt">, now: number): number {
  return (run.endedAt ? run.endedAt.getTime() : now) - run.startedAt.getTime();
}

export type CellValue = string | number | null;

/** The value a column sorts and filters by (display formatting happens in the cell). */
export function cellValue(run: RunRow, column: Column, now: number): CellValue {
  switch (column.kind) {
    case "name":
      return run.name;
    case "param":
      return run.params[column.key] ?? null;
    case "metric":
      return run.metrics[column.key]?.[column.agg] ?? null;
    case "fixed":
      switch (column.id) {
        case "status":
          return runStatuses.indexOf(run.status);
        case "started":
          return run.startedAt.getTime();
        case "duration":
          return runDurationMs(run, now);
        case "creator":
          return run.creatorName;
      }
  }
}
