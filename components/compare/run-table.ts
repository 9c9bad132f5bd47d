import { type Column, cellValue, type MetricAgg, metricAggs, metricColumnId, paramColumnId, parseColumnId } from "../runs/columns";
import { collectKeys } from "../runs/keys";
import type { RunRow } from "../runs/types";

/** A param column, or one summary (last, min, max) of a metric. */
export type TableColumn = Extract<Column, { kind: "param" } | { kind: "metric" }>;

const same = (a: string | number | null, b: string | number | null) => a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));

/** Whether a column holds more than one value across the runs; a missing value counts as one. */
export function differs(runs: readonly RunRow[], column: TableColumn): boolean {
  if (runs.length < 2) return false;
  const first = cellValue(runs[0]!, column, 0);
  return runs.some((run) => !same(cellValue(run, column, 0), first));
}

/**
 * The comparison table's columns: every param (the most widely logged first), then last, min and
 * max of each metric. "Differences only" keeps the columns whose value is not the same everywhere.
 */
export function compareColumns(runs: readonly RunRow[], differencesOnly: boolean, aggs: readonly MetricAgg[] = metricAggs): TableColumn[] {
  const keys = collectKeys(runs);
  const columns = [
    ...keys.params.map((k) => parseColumnId(paramColumnId(k))),
    ...keys.metrics.flatMap((k) => aggs.map((agg) => parseColumnId(metricColumnId(k, agg)))),
  ] as TableColumn[];
  return differencesOnly ? columns.filter((c) => differs(runs, c)) : columns;
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); missing is empty. */
function field(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

/** The table as CSV: run id, name and status, then the columns shown, values unformatted. */
export function compareCsv(runs: readonly RunRow[], columns: readonly TableColumn[]): string {
  const header = ["run_id", "name", "status", ...columns.map((c) => (c.kind === "param" ? c.key : `${c.key} (${c.agg})`))];
  return toCsv(header, runs.map((run) => [run.id, run.name, run.status, ...columns.map((c) => cellValue(run, c, 0))]));
}

/** Ids of the param columns whose value differs between the runs, the most widely logged first. */
export function varyingParamIds(runs: readonly RunRow[]): string[] {
  return compareColumns(runs, true, []).map((c) => c.id);
}
