"use client";
import { CartesianGrid, Cell, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatMetric, formatTick } from "./prepare/format";
import type { PreparedScatter, ScatterPoint } from "./prepare/scatter";

export interface ScatterPlotProps {
  scatter: PreparedScatter;
  xLabel: string;
  yLabel: string;
  names: ReadonlyMap<string, string>;
  height?: number;
}

/** One dot per run in its colour; a categorical x gets one tick per category. Decides nothing. */
export function ScatterPlot({ scatter, xLabel, yLabel, names, height = 320 }: ScatterPlotProps) {
  const category = scatter.kind === "category";
  return (
    <div data-testid="scatter-plot" role="img" aria-label={`${yLabel} against ${xLabel}`} className="w-full text-xs text-muted-foreground" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            name={xLabel}
            domain={category ? [-0.5, scatter.categories.length - 0.5] : ["auto", "auto"]}
            ticks={category ? scatter.categories.map((_, i) => i) : undefined}
            tickFormatter={category ? (i: number) => scatter.categories[i] ?? "" : formatTick}
            stroke="currentColor"
            tick={{ fill: "currentColor" }}
            label={{ value: xLabel, position: "insideBottom", offset: -8, fill: "currentColor" }}
          />
          <YAxis dataKey="y" type="number" name={yLabel} domain={["auto", "auto"]} width={56} tickFormatter={formatTick} stroke="currentColor" tick={{ fill: "currentColor" }} />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as ScatterPoint | undefined) : undefined;
              return p ? (
                <div className="rounded-md border bg-card px-3 py-2 text-xs text-foreground shadow-md">
                  <p className="flex items-center gap-1.5 font-medium">
                    <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: p.color }} />
                    {names.get(p.runId) ?? p.runId}
                  </p>
                  <p className="tabular-nums">
                    {xLabel}: {p.xLabel}
                  </p>
                  <p className="tabular-nums">
                    {yLabel}: {formatMetric(p.y)}
                  </p>
                </div>
              ) : null;
            }}
          />
          <Scatter data={scatter.points as ScatterPoint[]} isAnimationActive={false}>
            {scatter.points.map((p) => (
              <Cell key={p.runId} fill={p.color} />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
