"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import type { XAxis } from "@/server/compare/schemas";
import { ChartPointerLayer } from "../charts/chart-pointer-layer";
import { CompareChart } from "../charts/compare-chart";
import { prepareCompareChart } from "../charts/prepare/compare-series";
import { unpackChartSeries } from "../charts/prepare/packed-series";
import { seriesBudget } from "../charts/prepare/point-budget";
import { xAxisLabels } from "../charts/prepare/x-axis";
import { useElementWidth } from "../runs/use-element-width";
import { useTRPC } from "../trpc/client";
import { ErrorState, Skeleton } from "../ui/states";
import { useSeen } from "./use-in-view";

const CHART_HEIGHT = 260;
const LIVE_REFRESH_MS = 5000;

export interface ChartSettings {
  x: XAxis;
  smoothing: number;
  logY: boolean;
  range: [number, number] | null;
}

export interface CompareChartCardProps {
  projectId: string;
  metricKey: string;
  /** The compared runs that logged this key, in the comparison's order. */
  runIds: string[];
  names: ReadonlyMap<string, string>;
  /** Dash patterns of the compared runs whose colours collide (prepare/run-dashes). */
  dashes: ReadonlyMap<string, string | undefined>;
  settings: ChartSettings;
  /** Some of these runs are still running: poll for their new points. */
  live: boolean;
  onZoom: (range: [number, number]) => void;
  onResetZoom: () => void;
}

/** Input of the query a placeholder came from (tRPC keys are [path, { input, type }]). */
const inputOf = (key: readonly unknown[] | undefined) => (key?.[1] as { input?: { xAxis?: XAxis } } | undefined)?.input;

/**
 * One metric across the compared runs: asks the chart query for what the chart can show (points
 * per run from its width and the number of runs, the zoomed range), prepares, draws. It asks only
 * once it comes near the viewport.
 */
export function CompareChartCard({ projectId, metricKey, runIds, names, dashes, settings, live, onZoom, onResetZoom }: CompareChartCardProps) {
  const trpc = useTRPC();
  const [seenRef, seen] = useSeen<HTMLElement>();
  const [widthRef, width] = useElementWidth<HTMLDivElement>();
  const { x, smoothing, logY, range } = settings;
  const chart = useQuery({
    ...trpc.compare.chart.queryOptions({
      projectId,
      runIds,
      keys: [metricKey],
      maxPoints: seriesBudget(width, runIds.length),
      xAxis: x,
      range: range ?? undefined,
    }),
    enabled: seen && width > 0 && runIds.length > 0,
    // A resize, zoom or new run keeps the old lines until the new ones arrive, but never across
    // an x-axis switch: steps drawn on a time axis would be wrong for that moment.
    placeholderData: (previous, previousQuery) => (inputOf(previousQuery?.queryKey)?.xAxis === x ? previous : undefined),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
  const series = useMemo(() => chart.data?.series.map(unpackChartSeries), [chart.data]);
  const prepared = useMemo(() => (series ? prepareCompareChart(series, { smoothing, logY, dashes }) : null), [series, smoothing, logY, dashes]);
  const xDomain = useMemo<[number, number] | null>(() => {
    if (range) return range;
    const extent = prepared?.xExtent;
    if (!extent) return null;
    return extent[1] > extent[0] ? extent : [extent[0] - 1, extent[1] + 1];
  }, [range, prepared]);
  const headingId = useId();
  const state = chart.isError ? "error" : !prepared ? "loading" : chart.isPlaceholderData ? "updating" : "ready";

  return (
    <article
      ref={seenRef}
      aria-labelledby={headingId}
      data-testid={`compare-chart-${metricKey}`}
      data-state={state}
      data-lines={prepared?.lines.length ?? 0}
      className="flex min-w-0 flex-col gap-2 rounded-lg border bg-card p-4"
    >
      <header className="flex items-baseline justify-between gap-2">
        <h4 id={headingId} className="truncate font-mono text-sm font-medium" title={metricKey}>
          {metricKey}
        </h4>
        <span className="shrink-0 text-xs text-muted-foreground">
          {runIds.length} {runIds.length === 1 ? "run" : "runs"}
        </span>
      </header>
      <div ref={widthRef} className="relative min-w-0" style={{ height: CHART_HEIGHT }}>
        {chart.isError ? (
          <ErrorState title="Could not load the metric" error={chart.error} />
        ) : prepared && xDomain ? (
          <div role="img" aria-label={`${metricKey} by ${xAxisLabels[x].toLowerCase()}`} className="h-full w-full text-xs text-muted-foreground">
            <CompareChart chart={prepared} xDomain={xDomain} xAxis={x} logY={logY} height={CHART_HEIGHT} />
            <ChartPointerLayer lines={prepared.lines} xDomain={xDomain} xAxis={x} names={names} onZoom={onZoom} onResetZoom={onResetZoom} />
          </div>
        ) : prepared ? (
          <p className="flex h-full items-center justify-center text-sm text-muted-foreground">No points in this range</p>
        ) : (
          <Skeleton className="h-full w-full" />
        )}
      </div>
      {prepared && chart.data ? <Caption chart={prepared} logY={logY} /> : null}
    </article>
  );
}

function Caption({ chart, logY }: { chart: NonNullable<ReturnType<typeof prepareCompareChart>>; logY: boolean }) {
  const parts: string[] = [];
  if (chart.aggregated) {
    const shown = chart.lines.reduce((n, l) => n + l.xs.length, 0);
    const total = chart.lines.reduce((n, l) => n + l.total, 0);
    parts.push(`${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} points; faint line = min–max per bucket`);
  } else {
    parts.push(`${chart.lines.reduce((n, l) => n + l.total, 0).toLocaleString("en-US")} points, exact`);
  }
  const nonFinite = chart.gaps - chart.hiddenByLog;
  if (nonFinite > 0) parts.push(`${nonFinite} NaN/∞ shown as gaps`);
  if (logY && chart.hiddenByLog > 0) parts.push(`${chart.hiddenByLog} values ≤ 0 hidden by the log scale`);
  return <p className="text-xs text-muted-foreground">{parts.join(" · ")}</p>;
}
