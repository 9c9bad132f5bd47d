"use client";

import { useMemo } from "react";
import { prepareScatter } from "../charts/prepare/scatter";
import { ScatterPlot } from "../charts/scatter-plot";
import { cellValue, parseColumnId } from "../runs/columns";
import type { RunRow } from "../runs/types";
import { EmptyState } from "../ui/states";
import { columnLabel, type ColumnOption } from "./column-options";
import { ColumnSelect } from "./column-select";

/** Any param or metric summary (x) against a metric summary (y), a dot per run. */
export function ScatterPanel({
  runs,
  x,
  y,
  params,
  summaries,
  onChange,
}: {
  runs: readonly RunRow[];
  x: string | null;
  y: string | null;
  params: ColumnOption[];
  summaries: ColumnOption[];
  onChange: (axes: { x?: string; y?: string }) => void;
}) {
  const names = useMemo(() => new Map(runs.map((r) => [r.id, r.name])), [runs]);
  const scatter = useMemo(() => {
    const xc = x ? parseColumnId(x) : null;
    const yc = y ? parseColumnId(y) : null;
    if (!xc || !yc) return null;
    return prepareScatter(
      runs.map((run) => {
        const yv = cellValue(run, yc, 0);
        return { runId: run.id, x: cellValue(run, xc, 0), y: typeof yv === "number" ? yv : null };
      }),
    );
  }, [runs, x, y]);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>X</span>
        <ColumnSelect label="Scatter x" value={x} onChange={(id) => onChange({ x: id })} groups={[{ label: "Params", options: params }, { label: "Metrics", options: summaries }]} />
        <span>Y</span>
        <ColumnSelect label="Scatter y" value={y} onChange={(id) => onChange({ y: id })} groups={[{ label: "Metrics", options: summaries }]} />
      </div>
      {scatter && x && y ? (
        scatter.points.length > 0 ? (
          <>
            <ScatterPlot scatter={scatter} xLabel={columnLabel(x)} yLabel={columnLabel(y)} names={names} />
            {scatter.skipped ? <p className="text-xs text-muted-foreground">{scatter.skipped} runs without both values are left out</p> : null}
          </>
        ) : (
          <EmptyState title="No run has both values" />
        )
      ) : (
        <EmptyState title="Choose what to plot" description="Pick a param or metric for x and a metric for y." />
      )}
    </div>
  );
}
