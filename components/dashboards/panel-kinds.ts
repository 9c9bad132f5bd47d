import { columnLabel } from "@/components/compare/column-options";
import { type Panel, PanelInput, type PanelKind } from "@/server/dashboards/schemas";
import { newPanelId, type SizePreset, sizePresets } from "./layout";
import { filterSummary } from "./panel-runs";

export const panelKindLabels: Record<PanelKind, string> = {
  line_charts: "Line charts",
  scatter: "Scatter",
  parallel: "Parallel coordinates",
  leaderboard: "Leaderboard",
  compute_usage: "Compute usage",
  pending_promotions: "Pending promotions",
};

export const panelKindDescriptions: Record<PanelKind, string> = {
  line_charts: "A chart per metric over a saved run filter",
  scatter: "A param or metric against a metric, a dot per run",
  parallel: "Params and a metric as parallel axes, a line per run",
  leaderboard: "The top runs by a metric, with their params",
  compute_usage: "GPU-hours by user or by compute target",
  pending_promotions: "Model promotions waiting for review",
};

const defaultSize: Record<PanelKind, SizePreset> = {
  line_charts: "W",
  scatter: "M",
  parallel: "M",
  leaderboard: "M",
  compute_usage: "M",
  pending_promotions: "M",
};

/** A new panel of a kind: its default size and config, an id of its own, no title yet. */
export function newPanel(kind: PanelKind, id = newPanelId()): Panel {
  const { w, h } = sizePresets[defaultSize[kind]];
  return { ...PanelInput.parse({ kind, w, h }), id } as Panel;
}

/** The panel's own title, or one that says what it shows. */
export function panelTitle(panel: Panel): string {
  if (panel.title.trim()) return panel.title.trim();
  switch (panel.kind) {
    case "line_charts": {
      const what = panel.config.keys.length ? panel.config.keys.join(", ") : panel.config.prefix ? `${panel.config.prefix}*` : "Metrics";
      return `${what} · ${filterSummary(panel.config.filter)}`;
    }
    case "scatter":
      return panel.config.x && panel.config.y ? `${columnLabel(panel.config.y)} against ${columnLabel(panel.config.x)}` : "Scatter";
    case "parallel":
      return panel.config.metric ? `Parallel coordinates → ${columnLabel(panel.config.metric)}` : "Parallel coordinates";
    case "leaderboard":
      return panel.config.metric ? `Leaderboard: ${panel.config.metric} (${panel.config.stat})` : "Leaderboard";
    case "compute_usage":
      return `GPU-hours by ${panel.config.group_by}, last ${panel.config.days} ${panel.config.days === 1 ? "day" : "days"}`;
    case "pending_promotions":
      return "Pending promotions";
  }
}
