"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import { MetricChart } from "../charts/metric-chart";
import { formatMetric } from "../charts/prepare/format";
import { prepareMetricSeries } from "../charts/prepare/metric-series";
import { pointBudget } from "../charts/prepare/point-budget";
import { useTRPC } from "../trpc/client";
import { ErrorState, Skeleton } from "../ui/states";
import { useElementWidth } from "./use-element-width";

const CHART_HEIGHT = 220;
const LIVE_REFRESH_MS = 3000;

export interface MetricCardProps {
  runId: string;
  metricKey: string;
  last: number | null;
  smoothing: number;
  color: string;
  live: boolean;
}

/** One metric of one run: asks for as many points as the chart is wide, then draws them. */
export function MetricCard({ runId, metricKey, last, smoothing, color, live }: MetricCardProps) {
  const trpc = useTRPC();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const metric = useQuery({
    ...trpc.runs.metric.queryOptions({ runId, key: metricKey, maxPoints: pointBudget(width) }),
    enabled: width > 0,
    // A resize asks for a new budget; keep drawing the old points until they arrive.
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
  const series = useMemo(() => (metric.data ? prepareMetricSeries(metric.data.points, { smoothing }) : null), [metric.data, smoothing]);
  const headingId = useId();

  return (
    <article aria-labelledby={headingId} className="flex min-w-0 flex-col gap-2 rounded-lg border bg-card p-4">
      <header className="flex items-baseline justify-between gap-2">
        <h4 id={headingId} className="truncate font-mono text-sm font-medium" title={metricKey}>
          {metricKey}
        </h4>
        <span className="shrink-0 text-sm tabular-nums" title="Last value">
          {formatMetric(last)}
        </span>
      </header>
      <div ref={ref} className="min-w-0">
        {metric.isError ? (
          <ErrorState title="Could not load the metric" error={metric.error} />
        ) : series ? (
          <MetricChart series={series} color={color} label={`${metricKey} by step`} height={CHART_HEIGHT} testId={`metric-chart-${metricKey}`} />
        ) : (
          <Skeleton className="w-full" style={{ height: CHART_HEIGHT }} />
        )}
      </div>
      {metric.data && series ? (
        <p className="text-xs text-muted-foreground">
          {metric.data.aggregated
            ? `${metric.data.points.length} of ${metric.data.total} points, shaded band = min–max per bucket`
            : `${metric.data.total} points`}
          {series.nonFinite ? ` · ${series.nonFinite} NaN/∞ shown as gaps` : ""}
        </p>
      ) : null}
    </article>
  );
}
