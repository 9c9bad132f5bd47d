"use client";

import { useMemo } from "react";
import { type ParallelAxisInput, prepareParallel } from "../charts/prepare/parallel";
import { ParallelCoordinates } from "../charts/parallel-coordinates";
import { cellValue, parseColumnId } from "../runs/columns";
import type { RunRow } from "../runs/types";
import { useElementWidth } from "../runs/use-element-width";
import { EmptyState } from "../ui/states";
import { columnLabel, type ColumnOption } from "./column-options";
import { ColumnSelect } from "./column-select";

/** Chosen params, then a metric, as parallel axes; a line per run. */
export function ParallelPanel({
  runs,
  params,
  metric,
  paramOptions,
  summaries,
  onChange,
}: {
  runs: readonly RunRow[];
  params: string[];
  metric: string | null;
  paramOptions: ColumnOption[];
  summaries: ColumnOption[];
  onChange: (next: { params?: string[]; metric?: string }) => void;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const names = useMemo(() => new Map(runs.map((r) => [r.id, r.name])), [runs]);
  const data = useMemo(() => {
    const ids = metric ? [...params, metric] : params;
    const axes: ParallelAxisInput[] = ids.flatMap((id) => {
      const c = parseColumnId(id);
      return c ? [{ id, label: columnLabel(id), values: runs.map((run) => cellValue(run, c, 0)) }] : [];
    });
    return prepareParallel(runs.map((r) => r.id), axes);
  }, [runs, params, metric]);
  const chosen = new Set(params);

  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 text-xs text-muted-foreground">Params</legend>
        {paramOptions.map((o) => (
          <label key={o.id} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={chosen.has(o.id)}
              onChange={(e) => onChange({ params: e.target.checked ? [...params, o.id] : params.filter((p) => p !== o.id) })}
            />
            <span className="font-mono text-xs">{o.label}</span>
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-2 text-sm">
        <span>→ metric</span>
        <ColumnSelect label="Parallel coordinates metric" value={metric} onChange={(id) => onChange({ metric: id })} groups={[{ label: "Metrics", options: summaries }]} />
      </div>
      <div ref={ref} className="min-w-0 overflow-x-auto">
        {data.axes.length >= 2 ? (
          <ParallelCoordinates data={data} width={Math.max(width, 120 * data.axes.length)} names={names} />
        ) : (
          <EmptyState title="Choose at least one param and a metric" />
        )}
      </div>
    </div>
  );
}
