import type { RunSelection } from "@/components/compare/select-runs";
import { MAX_CHART_RUNS, type XAxis } from "@/server/compare/schemas";
import { LineChartsConfig, MAX_PANELS, type Panel, type PanelOf, RunFilterConfig } from "@/server/dashboards/schemas";
import { newPanel } from "./panel-kinds";
import { filterSummary } from "./panel-runs";

// "Save to dashboard" in the compare view: the comparison on screen becomes a line-charts panel
// that shows the same runs with the same chart settings. The zoom and the table are not saved.

/** What of the compare view a panel keeps (the view's own type lives with its page). */
export interface ComparisonView {
  selection: RunSelection;
  x: XAxis;
  smoothing: number;
  logY: boolean;
}

const MAX_TITLE = 120;

/**
 * The saved filter: picked runs as exactly the runs shown (found, capped, in order), a "top N"
 * selection as the same query, sort and count. The compare view has no status filter.
 */
export function comparisonFilter(selection: RunSelection, shownRunIds: readonly string[]): RunFilterConfig {
  if (selection.mode === "picked") {
    const ids = shownRunIds.length > 0 ? shownRunIds : [...new Set(selection.ids)];
    return RunFilterConfig.parse({ run_ids: ids.slice(0, MAX_CHART_RUNS) });
  }
  return RunFilterConfig.parse({ q: selection.q, by: selection.by, dir: selection.dir, top: selection.top });
}

/** "Compare: 3 runs", "Top 20 runs by val/acc (last)", "Latest 20 runs · lr > 0.01". */
export function comparisonTitle(filter: RunFilterConfig): string {
  const picked = filter.run_ids.length;
  const title = picked > 0 ? `Compare: ${picked} ${picked === 1 ? "run" : "runs"}` : filterSummary(filter);
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

export interface ComparisonPanelOptions {
  /** The runs the compare view shows, in its order. */
  shownRunIds: readonly string[];
  /** The metric keys the view charts when it names them; empty charts every metric with a history. */
  keys?: readonly string[];
  /** Blank takes the default title. */
  title?: string;
  id?: string;
}

/** The line-charts panel for a comparison, in the wide size a new line-charts panel gets. */
export function comparisonPanel(view: ComparisonView, { shownRunIds, keys = [], title, id }: ComparisonPanelOptions): PanelOf<"line_charts"> {
  const filter = comparisonFilter(view.selection, shownRunIds);
  const base = newPanel("line_charts", id) as PanelOf<"line_charts">;
  const config = LineChartsConfig.parse({ filter, keys: [...keys], x_axis: view.x, smoothing: view.smoothing, log_y: view.logY });
  return { ...base, title: title?.trim() || comparisonTitle(filter), config };
}

/** The dashboard's panels with one more at the end; null when the dashboard is full. */
export function appendPanel(panels: readonly Panel[], panel: Panel): Panel[] | null {
  return panels.length >= MAX_PANELS ? null : [...panels, panel];
}
