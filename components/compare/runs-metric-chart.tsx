"use client";

import { useMemo } from "react";
import { runDashes } from "../charts/prepare/run-dashes";
import type { RunRow } from "../runs/types";
import { type ChartSettings, CompareChartCard } from "./compare-chart-card";
import { runsWithKey } from "./metric-keys";

/** A run still logging: its charts poll for new points. */
export const isLiveRun = (run: RunRow) => run.status === "running" || run.status === "queued";

/**
 * Each run's name and dash pattern for overlaid charts. Live polling hands over new run objects
 * every few seconds: the maps are keyed by content, so charts redraw only when the runs or their
 * names changed.
 */
export function useRunStyles(runs: readonly RunRow[]) {
  const idsKey = runs.map((r) => r.id).join(",");
  const namesKey = JSON.stringify(runs.map((r) => [r.id, r.name]));
  const names = useMemo(() => new Map<string, string>(JSON.parse(namesKey)), [namesKey]);
  const dashes = useMemo(() => runDashes(idsKey.split(",")), [idsKey]);
  return { names, dashes };
}

export interface RunsMetricChartProps {
  projectId: string;
  metricKey: string;
  /** Every run shown; those without this metric are left out of its chart. */
  runs: readonly RunRow[];
  styles: ReturnType<typeof useRunStyles>;
  settings: ChartSettings;
  onZoom: (range: [number, number]) => void;
  onResetZoom: () => void;
}

/** One metric's overlaid chart over the runs that logged it (compare view and dashboard panels). */
export function RunsMetricChart({ projectId, metricKey, runs, styles, settings, onZoom, onResetZoom }: RunsMetricChartProps) {
  const withKey = runsWithKey(runs, metricKey);
  return (
    <CompareChartCard
      projectId={projectId}
      metricKey={metricKey}
      runIds={withKey.map((r) => r.id)}
      names={styles.names}
      dashes={styles.dashes}
      settings={settings}
      live={withKey.some(isLiveRun)}
      onZoom={onZoom}
      onResetZoom={onResetZoom}
    />
  );
}
