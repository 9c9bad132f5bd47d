import { asNumber } from "@/components/runs/sort";
import { formatTick } from "./format";
import { runColor } from "./run-color";

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export interface ParallelAxisInput {
  id: string;
  label: string;
  /** One value per run, in the runs' order. */
  values: readonly (string | number | null)[];
}

export interface ParallelAxis {
  id: string;
  label: string;
  kind: "numeric" | "category";
  /** Tick positions from 0 (bottom) to 1 (top), with their labels. */
  ticks: { pos: number; label: string }[];
}

export interface ParallelLine {
  runId: string;
  color: string;
  /** Position on each axis, 0 (bottom) to 1 (top); null where the run has no value (a break). */
  positions: (number | null)[];
}

export interface PreparedParallel {
  axes: ParallelAxis[];
  lines: ParallelLine[];
}

const TICKS = 5;

/**
 * Parallel coordinates: each axis scaled to its own values, numeric min..max or categories
 * spread evenly; a missing value leaves the line broken at that axis.
 */
export function prepareParallel(runIds: readonly string[], inputs: readonly ParallelAxisInput[]): PreparedParallel {
  const columns = inputs.map((axis) => {
    const present = axis.values.filter((v): v is string | number => v !== null && v !== "");
    const numbers = present.map(asNumber);
    const numeric = present.length > 0 && numbers.every((v) => v !== null && Number.isFinite(v));
    if (numeric) {
      const lo = Math.min(...(numbers as number[]));
      const hi = Math.max(...(numbers as number[]));
      const scale = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
      const ticks = hi > lo ? Array.from({ length: TICKS }, (_, i) => ({ pos: i / (TICKS - 1), label: formatTick(lo + ((hi - lo) * i) / (TICKS - 1)) })) : [{ pos: 0.5, label: formatTick(lo) }];
      const positions = axis.values.map((v) => {
        const n = v === null || v === "" ? null : asNumber(v);
        return n === null || !Number.isFinite(n) ? null : scale(n);
      });
      return { axis: { id: axis.id, label: axis.label, kind: "numeric" as const, ticks }, positions };
    }
    const categories = [...new Set(present.map(String))].sort(natural.compare);
    const pos = (i: number) => (categories.length > 1 ? i / (categories.length - 1) : 0.5);
    const index = new Map(categories.map((c, i) => [c, pos(i)]));
    return {
      axis: { id: axis.id, label: axis.label, kind: "category" as const, ticks: categories.map((c, i) => ({ pos: pos(i), label: c })) },
      positions: axis.values.map((v) => (v === null || v === "" ? null : index.get(String(v))!)),
    };
  });
  return {
    axes: columns.map((c) => c.axis),
    lines: runIds.map((runId, r) => ({ runId, color: runColor(runId), positions: columns.map((c) => c.positions[r] ?? null) })),
  };
}
