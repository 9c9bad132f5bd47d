"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Bar as PreparedBar } from "./prepare/bars";
import { formatMetric, formatTick } from "./prepare/format";

/** One bar per run (a metric logged once per run); draws prepared bars and decides nothing. */
export function ValueBars({ bars, label, height = 200, testId }: { bars: readonly PreparedBar[]; label: string; height?: number; testId?: string }) {
  return (
    <div data-testid={testId} role="img" aria-label={label} className="w-full text-xs text-muted-foreground" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars as PreparedBar[]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={bars.length <= 12 ? { fill: "currentColor" } : false} tickLine={false} stroke="currentColor" interval={0} height={bars.length <= 12 ? 30 : 8} />
          <YAxis width={52} tickFormatter={formatTick} stroke="currentColor" tick={{ fill: "currentColor" }} tickLine={false} axisLine={false} />
          <Tooltip
            cursor={{ fill: "var(--muted)", opacity: 0.4 }}
            content={({ active, payload }) => {
              const bar = active ? (payload?.[0]?.payload as PreparedBar | undefined) : undefined;
              return bar ? (
                <div className="rounded-md border bg-card px-3 py-2 text-xs text-foreground shadow-md">
                  <p className="flex items-center gap-1.5">
                    <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: bar.color }} />
                    {bar.name}
                  </p>
                  <p className="tabular-nums">{formatMetric(bar.value)}</p>
                </div>
              ) : null;
            }}
          />
          <Bar dataKey="value" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.runId} fill={b.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
