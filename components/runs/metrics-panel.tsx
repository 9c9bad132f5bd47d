"use client";

import { groupMetricKeys } from "../charts/prepare/group-keys";
import { runColor } from "../charts/prepare/run-color";
import { SmoothingSlider } from "../charts/smoothing-slider";
import { EmptyState } from "../ui/states";
import { MetricCard } from "./metric-card";

export interface MetricsPanelProps {
  runId: string;
  metrics: { key: string; lastValue: number | null }[];
  smoothing: number;
  onSmoothingChange: (value: number) => void;
  live: boolean;
}

/** One chart per metric key, grouped by prefix (`train/`, `val/`), with a shared smoothing slider. */
export function MetricsPanel({ runId, metrics, smoothing, onSmoothingChange, live }: MetricsPanelProps) {
  if (metrics.length === 0) {
    return <EmptyState title="No metrics logged yet" description="Values logged with run.log({...}) appear here as charts." />;
  }
  const last = new Map(metrics.map((m) => [m.key, m.lastValue]));
  const color = runColor(runId);
  return (
    <div className="flex flex-col gap-5">
      <SmoothingSlider value={smoothing} onChange={onSmoothingChange} className="text-sm" />
      {groupMetricKeys(metrics.map((m) => m.key)).map((group) => (
        <section key={group.prefix} aria-label={group.prefix || "Other metrics"} className="flex flex-col gap-3">
          <h3 className="text-sm font-semibold text-muted-foreground">{group.prefix ? `${group.prefix}/` : "Other"}</h3>
          <div className="grid gap-4 xl:grid-cols-2">
            {group.keys.map((key) => (
              <MetricCard key={key} runId={runId} metricKey={key} last={last.get(key) ?? null} smoothing={smoothing} color={color} live={live} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
