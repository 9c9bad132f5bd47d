"use client";
import { useMemo, useRef, useState } from "react";
import type { XAxis } from "@/server/compare/schemas";
import type { CompareLine } from "./prepare/compare-series";
import { formatMetric } from "./prepare/format";
import { PLOT_INSET, pixelAtX, xAtPixel, zoomRange } from "./prepare/plot-geometry";
import { valuesAtX } from "./prepare/values-at-x";
import { formatX } from "./prepare/x-axis";

export interface ChartPointerLayerProps {
  lines: readonly CompareLine[];
  xDomain: [number, number];
  xAxis: XAxis;
  /** Run names for the hover. */
  names: ReadonlyMap<string, string>;
  onZoom: (range: [number, number]) => void;
  onResetZoom: () => void;
}

/** Rows per column of the hover before it grows another column (100 runs fit in four). */
const ROWS_PER_COLUMN = 25;

/**
 * Sits over the plot area: hovering shows every run's value at that x (prepare/values-at-x),
 * dragging selects a range to zoom into, a double click zooms out. Only this layer re-renders
 * while the pointer moves.
 */
export function ChartPointerLayer({ lines, xDomain, xAxis, names, onZoom, onResetZoom }: ChartPointerLayerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ px: number; x: number; width: number } | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const rows = useMemo(() => (hover ? valuesAtX(lines, hover.x) : []), [hover, lines]);

  const at = (e: React.PointerEvent) => {
    const box = ref.current!.getBoundingClientRect();
    return { px: Math.min(box.width, Math.max(0, e.clientX - box.left)), width: box.width };
  };
  const width = hover?.width ?? 0;
  const columns = Math.ceil(rows.length / ROWS_PER_COLUMN);
  const nearest = rows[0] ? pixelAtX(rows[0].x, width, xDomain) : null;

  return (
    <div
      ref={ref}
      data-testid="chart-pointer-layer"
      className="absolute cursor-crosshair touch-none select-none"
      style={{ left: PLOT_INSET.left, right: PLOT_INSET.right, top: PLOT_INSET.top, bottom: PLOT_INSET.bottom }}
      onPointerMove={(e) => {
        const { px, width: w } = at(e);
        setHover({ px, x: xAtPixel(px, w, xDomain), width: w });
        if (drag) setDrag({ ...drag, to: px });
      }}
      onPointerLeave={() => setHover(null)}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const { px } = at(e);
        setDrag({ from: px, to: px });
      }}
      onPointerUp={(e) => {
        if (!drag) return;
        const { width: w } = at(e);
        const range = zoomRange(drag.from, drag.to, w, xDomain);
        setDrag(null);
        if (range) onZoom(range);
      }}
      onDoubleClick={onResetZoom}
    >
      {drag && Math.abs(drag.to - drag.from) > 1 ? (
        <div
          data-testid="zoom-selection"
          className="absolute inset-y-0 border-x border-primary/60 bg-primary/10"
          style={{ left: Math.min(drag.from, drag.to), width: Math.abs(drag.to - drag.from) }}
        />
      ) : null}
      {hover && rows.length > 0 && nearest !== null ? (
        <>
          <div aria-hidden className="absolute inset-y-0 w-px bg-foreground/40" style={{ left: nearest }} />
          <div
            role="tooltip"
            data-testid="chart-tooltip"
            className="pointer-events-none absolute top-0 z-10 rounded-md border bg-card px-3 py-2 text-xs text-foreground shadow-md"
            style={hover.px > width / 2 ? { right: width - hover.px + 12 } : { left: hover.px + 12 }}
          >
            <p className="mb-1 font-medium">{formatX(xAxis, rows[0]!.x)}</p>
            <ul className="grid gap-x-4 gap-y-0.5" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, max-content))`, gridAutoFlow: "column", gridTemplateRows: `repeat(${Math.min(rows.length, ROWS_PER_COLUMN)}, auto)` }}>
              {rows.map((row) => (
                <li key={row.runId} className="flex items-center gap-1.5 whitespace-nowrap tabular-nums">
                  <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: row.color }} />
                  <span className="max-w-40 truncate text-muted-foreground">{names.get(row.runId) ?? row.runId}</span>
                  <span>{row.value === null ? "gap" : formatMetric(row.value)}</span>
                  {row.smoothed !== null && row.smoothed !== row.value ? <span className="text-muted-foreground">~{formatMetric(row.smoothed)}</span> : null}
                  {row.count ? (
                    <span className="text-muted-foreground">
                      [{formatMetric(row.min)}–{formatMetric(row.max)}]
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        </>
      ) : null}
    </div>
  );
}
