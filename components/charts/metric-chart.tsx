"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMetric, formatTick } from "./prepare/format";
import type { MetricRow, PreparedSeries } from "./prepare/metric-series";

export interface MetricChartProps {
  series: PreparedSeries;
  /** The run's colour (prepare/run-color). */
  color: string;
  /** What the chart shows, for screen readers ("train/loss by step"). */
  label: string;
  height?: number;
  testId?: string;
}

/**
 * Draws a prepared series and decides nothing: gaps, bands, smoothing and dots all come from
 * prepare/metric-series. Animation is off because live runs redraw every few seconds.
 */
export function MetricChart({ series, color, label, height = 220, testId }: MetricChartProps) {
  return (
    <div data-testid={testId} role="img" aria-label={label} className="w-full text-xs text-muted-foreground" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={series.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="step"
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={formatTick}
            stroke="currentColor"
            tick={{ fill: "currentColor" }}
            tickLine={false}
            minTickGap={24}
          />
          <YAxis
            width={52}
            domain={["auto", "auto"]}
            tickFormatter={formatTick}
            stroke="currentColor"
            tick={{ fill: "currentColor" }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip content={({ active, payload }) => (active ? <MetricTooltip row={payload?.[0]?.payload} color={color} /> : null)} />
          {series.hasBand ? (
            <Area dataKey="band" stroke="none" fill={color} fillOpacity={0.18} isAnimationActive={false} activeDot={false} />
          ) : null}
          <Line
            dataKey="value"
            stroke={color}
            strokeOpacity={series.smoothed ? 0.3 : 1}
            strokeWidth={1.5}
            dot={series.dots ? { r: 2, fill: color, strokeWidth: 0 } : false}
            isAnimationActive={false}
          />
          {series.smoothed ? <Line dataKey="smoothed" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function MetricTooltip({ row, color }: { row: MetricRow | undefined; color: string }) {
  if (!row) return null;
  return (
    <div className="rounded-md border bg-card px-3 py-2 text-xs text-foreground shadow-md">
      <p className="font-medium">Step {row.step}</p>
      <p className="flex items-center gap-1.5 tabular-nums">
        <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: color }} />
        {row.value === null ? "no finite value" : formatMetric(row.value)}
      </p>
      {row.smoothed !== null && row.smoothed !== row.value ? <p className="tabular-nums text-muted-foreground">smoothed {formatMetric(row.smoothed)}</p> : null}
      {row.band ? (
        <p className="tabular-nums text-muted-foreground">
          {formatMetric(row.band[0])} – {formatMetric(row.band[1])} over {row.count} points
        </p>
      ) : null}
    </div>
  );
}
