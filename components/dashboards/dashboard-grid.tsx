"use client";

import { ChevronDown, ChevronUp, Pencil, Trash2 } from "lucide-react";
import { useId } from "react";
import type { Panel } from "@/server/dashboards/schemas";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { WhenSeen } from "../compare/when-seen";
import { ComputeUsagePanel } from "./compute-usage-panel";
import { presetOf, type SizePreset, sizePresetIds, sizePresets } from "./layout";
import { LeaderboardPanel } from "./leaderboard-panel";
import { LineChartsPanel } from "./line-charts-panel";
import { panelTitle } from "./panel-kinds";
import { PendingPromotionsPanel } from "./pending-promotions-panel";
import { ParallelPanelBody, ScatterPanelBody } from "./run-plot-panels";

/** One grid row in pixels; a panel `h` rows high spans h rows and the gaps between them. */
const ROW_PX = 112;
const GAP_PX = 16;
/** The panel's header and padding, taken from its height to leave its body's. */
const CHROME_PX = 64;

export interface PanelActions {
  onMove: (id: string, delta: number) => void;
  onResize: (id: string, preset: SizePreset) => void;
  onEdit: (panel: Panel) => void;
  onRemove: (id: string) => void;
}

/**
 * Panels in a 12-column grid, each spanning its `w` columns and `h` rows (one column on narrow
 * screens). In edit mode each panel has its move, size, edit and remove controls.
 */
export function DashboardGrid({ projectId, panels, actions }: { projectId: string; panels: readonly Panel[]; actions: PanelActions | null }) {
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-12" style={{ gridAutoRows: `${ROW_PX}px` }} data-testid="dashboard-grid">
      {panels.map((panel, index) => (
        <PanelFrame key={panel.id} projectId={projectId} panel={panel} first={index === 0} last={index === panels.length - 1} actions={actions} />
      ))}
    </div>
  );
}

function PanelFrame({ projectId, panel, first, last, actions }: { projectId: string; panel: Panel; first: boolean; last: boolean; actions: PanelActions | null }) {
  const headingId = useId();
  const title = panelTitle(panel);
  const bodyHeight = panel.h * ROW_PX + (panel.h - 1) * GAP_PX - CHROME_PX;
  const preset = presetOf(panel);
  return (
    <section
      aria-labelledby={headingId}
      data-testid="dashboard-panel"
      data-panel-id={panel.id}
      data-kind={panel.kind}
      data-w={panel.w}
      data-h={panel.h}
      className={cn("flex min-w-0 flex-col rounded-lg border bg-card shadow-xs md:col-span-(--panel-w)", actions && "ring-1 ring-primary/20")}
      style={{ "--panel-w": panel.w, gridRow: `span ${panel.h} / span ${panel.h}` } as React.CSSProperties}
    >
      <header className="flex min-h-11 items-center justify-between gap-2 border-b px-3 py-1.5">
        <h3 id={headingId} className="truncate text-sm font-semibold" title={title}>
          {title}
        </h3>
        {actions ? (
          <div className="flex shrink-0 items-center gap-1">
            <Button variant="ghost" size="icon" className="size-7" aria-label="Move up" title="Move earlier" disabled={first} onClick={() => actions.onMove(panel.id, -1)}>
              <ChevronUp />
            </Button>
            <Button variant="ghost" size="icon" className="size-7" aria-label="Move down" title="Move later" disabled={last} onClick={() => actions.onMove(panel.id, 1)}>
              <ChevronDown />
            </Button>
            <div role="group" aria-label="Size" className="flex overflow-hidden rounded-md border">
              {sizePresetIds.map((id) => (
                <button
                  key={id}
                  type="button"
                  aria-label={sizePresets[id].label}
                  aria-pressed={preset === id}
                  title={`${sizePresets[id].label}: ${sizePresets[id].w} of 12 columns, ${sizePresets[id].h} rows`}
                  onClick={() => actions.onResize(panel.id, id)}
                  className="h-7 w-7 text-xs font-medium text-muted-foreground hover:bg-accent aria-pressed:bg-primary aria-pressed:text-primary-foreground"
                >
                  {id}
                </button>
              ))}
            </div>
            <Button variant="ghost" size="icon" className="size-7" aria-label="Edit panel" title="Edit panel" onClick={() => actions.onEdit(panel)}>
              <Pencil />
            </Button>
            <Button variant="ghost" size="icon" className="size-7 text-destructive" aria-label="Remove panel" title="Remove panel" onClick={() => actions.onRemove(panel.id)}>
              <Trash2 />
            </Button>
          </div>
        ) : null}
      </header>
      <div className="@container min-h-0 flex-1 overflow-auto p-3">
        <WhenSeen minHeight={Math.min(bodyHeight, 200)}>
          <PanelBody projectId={projectId} panel={panel} height={bodyHeight} />
        </WhenSeen>
      </div>
    </section>
  );
}

function PanelBody({ projectId, panel, height }: { projectId: string; panel: Panel; height: number }) {
  switch (panel.kind) {
    case "line_charts":
      return <LineChartsPanel projectId={projectId} config={panel.config} />;
    case "scatter":
      return <ScatterPanelBody projectId={projectId} config={panel.config} height={height} />;
    case "parallel":
      return <ParallelPanelBody projectId={projectId} config={panel.config} height={height} />;
    case "leaderboard":
      return <LeaderboardPanel projectId={projectId} config={panel.config} />;
    case "compute_usage":
      return <ComputeUsagePanel projectId={projectId} config={panel.config} height={height} />;
    case "pending_promotions":
      return <PendingPromotionsPanel projectId={projectId} />;
  }
}
