"use client";

import { useMemo } from "react";
import { prepareBars } from "../charts/prepare/bars";
import { groupMetricKeys } from "../charts/prepare/group-keys";
import { ValueBars } from "../charts/value-bars";
import type { RunRow } from "../runs/types";
import { EmptyState } from "../ui/states";
import type { ChartSettings } from "./compare-chart-card";
import { runsWithKey, splitMetricKeys } from "./metric-keys";
import { RunsMetricChart, useRunStyles } from "./runs-metric-chart";
import { WhenSeen } from "./when-seen";

export interface CompareChartsProps {
  projectId: string;
  runs: readonly RunRow[];
  settings: ChartSettings;
  onZoom: (range: [number, number]) => void;
  onResetZoom: () => void;
}

/** One chart per metric key, in sections by prefix (`train/`, `val/`), then the single-value metrics as bars. */
export function CompareCharts({ projectId, runs, settings, onZoom, onResetZoom }: CompareChartsProps) {
  const keys = useMemo(() => splitMetricKeys(runs), [runs]);
  const styles = useRunStyles(runs);
  const groups = useMemo(() => groupMetricKeys(keys.lines), [keys.lines]);
  if (keys.lines.length === 0 && keys.single.length === 0) {
    return <EmptyState title="No metrics logged yet" description="Values these runs log appear here as charts." />;
  }
  return (
    <div className="flex flex-col gap-6">
      {groups.map((group) => (
        <section key={group.prefix} aria-label={group.prefix ? `${group.prefix}/ metrics` : "Other metrics"} className="flex flex-col gap-3">
          <h3 className="text-sm font-semibold text-muted-foreground">{group.prefix ? `${group.prefix}/` : "Other"}</h3>
          <div className="grid gap-4 xl:grid-cols-2">
            {group.keys.map((key) => (
              <RunsMetricChart
                key={key}
                projectId={projectId}
                metricKey={key}
                runs={runs}
                styles={styles}
                settings={settings}
                onZoom={onZoom}
                onResetZoom={onResetZoom}
              />
            ))}
          </div>
        </section>
      ))}
      {keys.single.length > 0 ? (
        <section aria-label="Single-value metrics" className="flex flex-col gap-3">
          <h3 className="text-sm font-semibold text-muted-foreground">Single-value metrics</h3>
          <div className="grid gap-4 xl:grid-cols-2">
            {keys.single.map((key) => (
              <WhenSeen key={key} minHeight={250}>
                <SingleValueCard metricKey={key} runs={runsWithKey(runs, key)} />
              </WhenSeen>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

function SingleValueCard({ metricKey, runs }: { metricKey: string; runs: RunRow[] }) {
  const { bars, skipped } = useMemo(() => prepareBars(runs.map((r) => ({ runId: r.id, name: r.name, value: r.metrics[metricKey]?.last ?? null }))), [runs, metricKey]);
  return (
    <article className="flex min-w-0 flex-col gap-2 rounded-lg border bg-card p-4">
      <h4 className="truncate font-mono text-sm font-medium">{metricKey}</h4>
      <ValueBars bars={bars} label={`${metricKey} per run`} testId={`value-bars-${metricKey}`} />
      {skipped ? <p className="text-xs text-muted-foreground">{skipped} runs without a finite value are left out</p> : null}
    </article>
  );
}
