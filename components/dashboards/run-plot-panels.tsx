"use client";

import { useMemo } from "react";
import type { PanelOf } from "@/server/dashboards/schemas";
import { prepareParallel } from "../charts/prepare/parallel";
import { prepareScatter } from "../charts/prepare/scatter";
import { ParallelCoordinates } from "../charts/parallel-coordinates";
import { ScatterPlot } from "../charts/scatter-plot";
import { columnLabel } from "../compare/column-options";
import { selectionSummary } from "../compare/select-runs";
import { useElementWidth } from "../runs/use-element-width";
import { EmptyState, ErrorState } from "../ui/states";
import { panelRuns, parallelInputs, scatterInputs } from "./panel-runs";
import { PanelCaption, PanelLoading } from "./panel-states";
import { useProjectRuns } from "./use-project-runs";

const NO_RUNS: never[] = [];
/** Room the caption under a plot takes from the panel's height. */
const CAPTION_PX = 24;

function useFilteredRuns(projectId: string, filter: PanelOf<"scatter">["config"]["filter"]) {
  const runs = useProjectRuns(projectId);
  const all = runs.data ?? NO_RUNS;
  const selected = useMemo(() => panelRuns(all, filter, runs.dataUpdatedAt), [all, filter, runs.dataUpdatedAt]);
  const names = useMemo(() => new Map(selected.runs.map((r) => [r.id, r.name])), [selected.runs]);
  return { runs, selected, names };
}

/** A param or metric summary against a metric summary, a dot per run of the saved filter. */
export function ScatterPanelBody({ projectId, config, height }: { projectId: string; config: PanelOf<"scatter">["config"]; height: number }) {
  const { runs, selected, names } = useFilteredRuns(projectId, config.filter);
  const scatter = useMemo(() => {
    const inputs = scatterInputs(selected.runs, config.x, config.y);
    return inputs ? prepareScatter(inputs) : null;
  }, [selected.runs, config.x, config.y]);
  if (!config.x || !config.y) return <EmptyState title="Choose what to plot" description="Edit this panel to pick its x and y." />;
  if (runs.isPending) return <PanelLoading label="Loading runs" />;
  if (runs.isError) return <ErrorState title="Could not load the runs" error={runs.error} />;
  if (!scatter || scatter.points.length === 0) return <EmptyState title="No run has both values" />;
  return (
    <div className="flex flex-col gap-1">
      <ScatterPlot scatter={scatter} xLabel={columnLabel(config.x)} yLabel={columnLabel(config.y)} names={names} height={Math.max(160, height - CAPTION_PX)} />
      <PanelCaption>
        {selectionSummary(selected, "top")}
        {scatter.skipped ? ` · ${scatter.skipped} without both values left out` : ""}
      </PanelCaption>
    </div>
  );
}

/** Chosen params, then a metric, as parallel axes; a line per run of the saved filter. */
export function ParallelPanelBody({ projectId, config, height }: { projectId: string; config: PanelOf<"parallel">["config"]; height: number }) {
  const { runs, selected, names } = useFilteredRuns(projectId, config.filter);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const data = useMemo(
    () => prepareParallel(selected.runs.map((r) => r.id), parallelInputs(selected.runs, config.params, config.metric)),
    [selected.runs, config.params, config.metric],
  );
  if (runs.isPending) return <PanelLoading label="Loading runs" />;
  if (runs.isError) return <ErrorState title="Could not load the runs" error={runs.error} />;
  if (data.axes.length < 2) return <EmptyState title="Choose at least one param and a metric" description="Edit this panel to pick its axes." />;
  return (
    <div className="flex flex-col gap-1">
      <div ref={ref} className="min-w-0 overflow-x-auto">
        <ParallelCoordinates data={data} width={Math.max(width, 120 * data.axes.length)} height={Math.max(160, height - CAPTION_PX)} names={names} />
      </div>
      <PanelCaption>{selectionSummary(selected, "top")}</PanelCaption>
    </div>
  );
}
