import type { ParallelAxisInput } from "@/components/charts/prepare/parallel";
import type { ScatterInput } from "@/components/charts/prepare/scatter";
import { columnLabel } from "@/components/compare/column-options";
import { splitMetricKeys } from "@/components/compare/metric-keys";
import { type SelectedRuns, selectRuns } from "@/components/compare/select-runs";
import { cellValue, parseColumnId } from "@/components/runs/columns";
import type { RunRow } from "@/components/runs/types";
import type { RunFilterConfig } from "@/server/dashboards/schemas";

// What a run-based panel (line charts, scatter, parallel coordinates) shows, decided from the
// project's runs list and the panel's saved filter. The "top N" logic is the compare view's.

/**
 * The runs a saved filter names: the picked ones in their order (those gone are left out), else
 * status first, then the compare view's "top N by a column".
 */
export function panelRuns<R extends RunRow>(all: readonly R[], filter: RunFilterConfig, now: number): SelectedRuns<R> {
  if (filter.run_ids.length > 0) return selectRuns(all, { mode: "picked", ids: filter.run_ids }, now);
  const pool = filter.status ? all.filter((r) => r.status === filter.status) : all;
  return selectRuns(pool, { mode: "top", q: filter.q, top: filter.top, by: filter.by, dir: filter.dir }, now);
}

/** "Latest 10 runs", "Top 5 runs by val/acc (max) · lr > 0.01 · succeeded", "3 picked runs". */
export function filterSummary(filter: RunFilterConfig): string {
  const picked = filter.run_ids.length;
  if (picked > 0) return `${picked} picked ${picked === 1 ? "run" : "runs"}`;
  const noun = filter.top === 1 ? "run" : "runs";
  const head =
    filter.by === "started"
      ? `${filter.dir === "desc" ? "Latest" : "First"} ${filter.top} ${noun}`
      : `${filter.dir === "desc" ? "Top" : "Bottom"} ${filter.top} ${noun} by ${columnLabel(filter.by)}`;
  return [head, filter.q.trim() || null, filter.status].filter(Boolean).join(" · ");
}

/** A panel draws at most this many charts; the rest are counted, not hidden silently. */
export const MAX_PANEL_CHARTS = 12;

export interface PanelKeys {
  keys: string[];
  /** How many keys the config names before the cap. */
  of: number;
}

/**
 * The metric keys a line-charts panel draws: the chosen ones in their order (those no shown run
 * logged are dropped), else every key with a history, narrowed to `prefix` when there is one.
 */
export function panelMetricKeys(runs: readonly RunRow[], config: { keys: readonly string[]; prefix: string }): PanelKeys {
  const logged = new Set(runs.flatMap((r) => Object.keys(r.metrics)));
  const prefix = config.prefix.trim();
  const keys =
    config.keys.length > 0
      ? config.keys.filter((k) => logged.has(k))
      : splitMetricKeys(runs).lines.filter((k) => !prefix || k.startsWith(prefix));
  return { keys: keys.slice(0, MAX_PANEL_CHARTS), of: keys.length };
}

/** A scatter's inputs: x any column, y a number (a metric summary); null when an axis is unset. */
export function scatterInputs(runs: readonly RunRow[], x: string | null, y: string | null): ScatterInput[] | null {
  const xc = x ? parseColumnId(x) : null;
  const yc = y ? parseColumnId(y) : null;
  if (!xc || !yc) return null;
  return runs.map((run) => {
    const yv = cellValue(run, yc, 0);
    return { runId: run.id, x: cellValue(run, xc, 0), y: typeof yv === "number" ? yv : null };
  });
}

/** Parallel axes: the chosen params, then the metric last; unknown column ids are skipped. */
export function parallelInputs(runs: readonly RunRow[], params: readonly string[], metric: string | null): ParallelAxisInput[] {
  const ids = metric ? [...params, metric] : [...params];
  return ids.flatMap((id) => {
    const c = parseColumnId(id);
    return c ? [{ id, label: columnLabel(id), values: runs.map((run) => cellValue(run, c, 0)) }] : [];
  });
}
