"use client";
import { memo, useId, useMemo } from "react";
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from "recharts";
import type { XAxis as ChartXAxis } from "@/server/compare/schemas";
import type { CompareLine, PreparedCompareChart } from "./prepare/compare-series";
import { formatTick } from "./prepare/format";
import { linePath } from "./prepare/line-path";
import { DOTS_UP_TO } from "./prepare/metric-series";
import { PLOT_MARGIN, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from "./prepare/plot-geometry";
import { xTickFormatter, xTicks } from "./prepare/x-axis";

export interface CompareChartProps {
  chart: PreparedCompareChart;
  /** The x range shown: the zoom, or every run's extent. */
  xDomain: [number, number];
  xAxis: ChartXAxis;
  logY: boolean;
  height: number;
}

/**
 * Draws prepared lines, one or two per run (a faint raw or min/max line under the strong one),
 * and decides nothing. Recharts draws the axes and grid; the lines are one SVG path each, placed
 * with recharts' own scales: a hundred runs of a thousand points as <Line>s took seconds.
 * Memoised: hovering and dragging happen in a layer on top and never re-render the lines.
 */
export const CompareChart = memo(function CompareChart({ chart, xDomain, xAxis, logY, height }: CompareChartProps) {
  const tick = useMemo(() => xTickFormatter(xAxis, xDomain[1] - xDomain[0]), [xAxis, xDomain]);
  const ticks = useMemo(() => xTicks(xAxis, xDomain), [xAxis, xDomain]);
  // Recharts sets up its axes (and the scales the paths use) only around some data: two
  // invisible points at the corners of the domain.
  const yDomain = useMemo<[number, number]>(() => chart.yDomain ?? [0, 1], [chart.yDomain]);
  const anchor = useMemo(() => [{ x: xDomain[0], y: yDomain[0] }, { x: xDomain[1], y: yDomain[1] }], [xDomain, yDomain]);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart margin={PLOT_MARGIN}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          domain={xDomain}
          allowDataOverflow
          ticks={ticks}
          height={X_AXIS_HEIGHT}
          tickFormatter={tick}
          stroke="currentColor"
          tick={{ fill: "currentColor" }}
          tickLine={false}
          minTickGap={28}
        />
        <YAxis
          dataKey="y"
          type="number"
          width={Y_AXIS_WIDTH}
          scale={logY ? "log" : "linear"}
          domain={yDomain}
          ticks={chart.yTicks ?? undefined}
          allowDataOverflow
          tickFormatter={formatTick}
          stroke="currentColor"
          tick={{ fill: "currentColor" }}
          tickLine={false}
          axisLine={false}
        />
        <Line data={anchor} dataKey="y" stroke="none" dot={false} activeDot={false} legendType="none" isAnimationActive={false} />
        <CompareLines lines={chart.lines} />
      </ComposedChart>
    </ResponsiveContainer>
  );
});

function CompareLines({ lines }: { lines: readonly CompareLine[] }) {
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  const area = usePlotArea();
  const clipId = useId();
  const paths = useMemo(() => {
    if (!sx || !sy) return null;
    const x = (v: number) => sx(v) as number | undefined;
    const y = (v: number) => sy(v) as number | undefined;
    return lines.map((line) => ({ line, raw: line.raw ? linePath(line.raw, x, y) : null, main: linePath(line.main, x, y) }));
  }, [lines, sx, sy]);
  if (!paths || !area) return null;
  return (
    <g clipPath={`url(#${CSS.escape(clipId)})`}>
      <clipPath id={clipId}>
        <rect x={area.x} y={area.y - 2} width={area.width} height={area.height + 4} />
      </clipPath>
      {paths.map(({ line, raw }) =>
        raw ? <path key={`${line.runId}:raw`} className="compare-line-raw" d={raw} fill="none" stroke={line.color} strokeOpacity={0.3} strokeWidth={1} /> : null,
      )}
      {paths.map(({ line, main }) => (
        <path
          key={line.runId}
          className="compare-line-main"
          data-run-id={line.runId}
          d={main}
          fill="none"
          stroke={line.color}
          strokeWidth={1.5}
          strokeDasharray={line.dash}
          strokeLinejoin="round"
        />
      ))}
      {paths.map(({ line }) => (line.main.x.length <= DOTS_UP_TO ? <Dots key={`${line.runId}:dots`} line={line} sx={sx!} sy={sy!} /> : null))}
    </g>
  );
}

/** A short series also gets a dot per point: one or two points make no visible line. */
function Dots({ line, sx, sy }: { line: CompareLine; sx: (v: number) => unknown; sy: (v: number) => unknown }) {
  const dots: { cx: number; cy: number }[] = [];
  line.main.x.forEach((xv, i) => {
    const yv = line.main.y[i]!;
    if (Number.isNaN(yv)) return;
    const cx = sx(xv) as number | undefined;
    const cy = sy(yv) as number | undefined;
    if (Number.isFinite(cx) && Number.isFinite(cy)) dots.push({ cx: cx!, cy: cy! });
  });
  return (
    <>
      {dots.map((d, i) => (
        <circle key={i} cx={d.cx} cy={d.cy} r={2} fill={line.color} />
      ))}
    </>
  );
}
