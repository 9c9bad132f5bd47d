import { type Column, cellValue, type CellValue } from "./columns";
import type { RunRow } from "./types";

export type SortDir = "asc" | "desc";

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A param like "0.01" or "1e-4" sorts as a number; "adam" does not. */
export function asNumber(v: CellValue): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v);
  return null;
}

const isMissing = (v: CellValue) => v === null || v === "" || (typeof v === "number" && Number.isNaN(v));

/** Ascending order of two present values: numbers numerically (before text), text naturally. */
function compareValues(a: CellValue, b: CellValue): number {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null) return x === y ? 0 : x < y ? -1 : 1;
  if (x !== null) return -1;
  if (y !== null) return 1;
  return natural.compare(String(a), String(b));
}

/** Sorted copy; missing values and NaN go last in either direction, ties keep their order. */
export function sortRuns<R extends RunRow>(runs: readonly R[], column: Column, dir: SortDir, now: number): R[] {
  const sign = dir === "asc" ? 1 : -1;
  const decorated = runs.map((run, index) => ({ run, index, value: cellValue(run, column, now) }));
  decorated.sort((a, b) => {
    const ma = isMissing(a.value);
    const mb = isMissing(b.value);
    if (ma || mb) return ma === mb ? a.index - b.index : ma ? 1 : -1;
    return sign * compareValues(a.value, b.value) || a.index - b.index;
  });
  return decorated.map((d) => d.run);
}
