"use client";

import { useCallback, useMemo, useState } from "react";
import type { PanelOf } from "@/server/dashboards/schemas";
import type { XAxis } from "@/server/compare/schemas";
import { RunsMetricChart, useRunStyles } from "../compare/runs-metric-chart";
import { selectionSummary } from "../compare/select-runs";
import { Button } from "../ui/button";
import { EmptyState, ErrorState } from "../ui/states";
import { MAX_PANEL_CHARTS, panelMetricKeys, panelRuns } from "./panel-runs";
import { PanelCaption, PanelLoading } from "./panel-states";
import { useProjectRuns } from "./use-project-runs";

const NO_RUNS: never[] = [];

/**
 * A chart per metric over the runs a saved filter names: the compare view's chart cards (same
 * chart query, downsampling and colours). A zoom stays in this panel until the page reloads.
 */
export function LineChartsPanel({ projectId, config }: { projectId: string; config: PanelOf<"line_charts">["config"] }) {
  const runs = useProjectRuns(projectId);
  const all = runs.data ?? NO_RUNS;
  const selected = useMemo(() => panelRuns(all, config.filter, runs.dataUpdatedAt), [all, config.filter, runs.dataUpdatedAt]);
  const shown = selected.runs;
  const keys = useMemo(() => panelMetricKeys(shown, config), [shown, config]);
  const [zoom, setZoom] = useState<{ x: XAxis; range: [number, number] } | null>(null);
  const range = zoom?.x === config.x_axis ? zoom.range : null;
  const settings = useMemo(() => ({ x: config.x_axis, smoothing: config.smoothing, logY: config.log_y, range }), [config.x_axis, config.smoothing, config.log_y, range]);
  const onZoom = useCallback((r: [number, number]) => setZoom({ x: config.x_axis, range: r }), [config.x_axis]);
  const onResetZoom = useCallback(() => setZoom(null), []);
  const styles = useRunStyles(shown);

  if (runs.isPending) return <PanelLoading label="Loading runs" />;
  if (runs.isError) return <ErrorState title="Could not load the runs" error={runs.error} />;
  if (shown.length === 0) return <EmptyState title="No runs match this panel's filter" />;
  if (keys.keys.length === 0) return <EmptyState title="No metrics to chart yet" description="Metrics these runs log over steps appear here." />;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <PanelCaption>
          {selectionSummary(selected, "top")}
          {keys.of > keys.keys.length ? ` · ${keys.keys.length} of ${keys.of} metrics (at most ${MAX_PANEL_CHARTS} per panel)` : ""}
        </PanelCaption>
        {range ? (
          <Button variant="outline" size="sm" onClick={onResetZoom}>
            Reset zoom
          </Button>
        ) : null}
      </div>
      <div className="grid gap-3 @4xl:grid-cols-2">
        {keys.keys.map((key) => (
          <RunsMetricChart
            key={key}
            projectId={projectId}
            metricKey={key}
            runs={shown}
            styles={styles}
            settings={settings}
            onZoom={onZoom}
            onResetZoom={onResetZoom}
          />
        ))}
      </div>
    </div>
  );
}
