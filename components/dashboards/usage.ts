import type { Bar } from "@/components/charts/prepare/bars";
import { runColor } from "@/components/charts/prepare/run-color";

export interface UsageGroupInput {
  key: string | null;
  label: string | null;
  gpuHours: number;
  jobs: number;
  running: number;
}

export interface UsageRow {
  key: string;
  label: string;
  gpuHours: number;
  /** Share of the window's total, 0..1. */
  share: number;
  jobs: number;
  running: number;
}

/** GPU-hours to one decimal below 100, whole hours above: "0.3", "12.5", "1,204". */
export function formatGpuHours(h: number): string {
  if (!Number.isFinite(h)) return "—";
  return h >= 100 ? Math.round(h).toLocaleString("en-US") : (Math.round(h * 10) / 10).toFixed(1);
}

/**
 * Compute-usage rows and bars: a group whose user or target was deleted keeps its hours under a
 * plain name; every group keeps one colour across reloads (the colour of its key).
 */
export function prepareUsage(groups: readonly UsageGroupInput[], groupBy: "user" | "target"): { rows: UsageRow[]; bars: Bar[]; total: number } {
  const total = groups.reduce((sum, g) => sum + g.gpuHours, 0);
  const missing = groupBy === "user" ? "Deleted user" : "Removed target";
  const rows = groups.map((g) => ({
    key: g.key ?? `none:${groupBy}`,
    label: g.label ?? missing,
    gpuHours: g.gpuHours,
    share: total > 0 ? g.gpuHours / total : 0,
    jobs: g.jobs,
    running: g.running,
  }));
  const bars = rows.map((r) => ({ runId: r.key, name: r.label, value: Math.round(r.gpuHours * 100) / 100, color: runColor(r.key) }));
  return { rows, bars, total };
}
