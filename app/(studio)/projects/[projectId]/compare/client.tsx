"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo } from "react";
import { ChartControls } from "@/components/compare/chart-controls";
import { paramOptions, summaryOptions } from "@/components/compare/column-options";
import { CompareCharts } from "@/components/compare/compare-charts";
import { CompareTable } from "@/components/compare/compare-table";
import { ParallelPanel } from "@/components/compare/parallel-panel";
import { varyingParamIds } from "@/components/compare/run-table";
import { RunLegend } from "@/components/compare/run-legend";
import { RunSelectionBar } from "@/components/compare/run-selection";
import { isLiveRun } from "@/components/compare/runs-metric-chart";
import { type RunSelection, selectionSummary, selectRuns } from "@/components/compare/select-runs";
import { ScatterPanel } from "@/components/compare/scatter-panel";
import { WhenSeen } from "@/components/compare/when-seen";
import { SaveComparisonDialog } from "@/components/dashboards/save-comparison-dialog";
import { collectKeys } from "@/components/runs/keys";
import { useUrlState } from "@/components/runs/use-url-state";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";
import type { XAxis } from "@/server/compare/schemas";
import { emptyRunsView, runsHref } from "../runs/search-params";
import { type CompareView, parseCompareView, serializeCompareView } from "./search-params";

const NO_RUNS: never[] = [];
const LIVE_REFRESH_MS = 5000;
/** Params the parallel coordinates start with when the URL names none. */
const DEFAULT_PARALLEL_PARAMS = 4;

export function CompareClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [view, setView] = useUrlState(parseCompareView, serializeCompareView);
  const patch = useCallback((next: Partial<CompareView>) => setView((v) => ({ ...v, ...next })), [setView]);
  const runs = useQuery({
    ...trpc.runs.list.queryOptions({ projectId }),
    // Summaries, statuses and the "top N" follow running runs without a reload.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "running" || r.status === "queued") ? LIVE_REFRESH_MS : false),
  });
  // Hydrated by the project layout: the role decides who may save the view to a dashboard.
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const mayWriteDashboards = can(project.data?.role, "dashboards:write");
  const all = runs.data ?? NO_RUNS;
  const selected = useMemo(() => selectRuns(all, view.selection, runs.dataUpdatedAt), [all, view.selection, runs.dataUpdatedAt]);
  const shown = selected.runs;

  const projectKeys = useMemo(() => collectKeys(all), [all]);
  const keys = useMemo(() => collectKeys(shown), [shown]);
  const params = useMemo(() => paramOptions(keys.params), [keys.params]);
  const summaries = useMemo(() => summaryOptions(keys.metrics), [keys.metrics]);
  const sortOptions = useMemo(
    () => [
      { label: "Run", options: [{ id: "started", label: "Started" }] },
      { label: "Metrics", options: summaryOptions(projectKeys.metrics) },
      { label: "Params", options: paramOptions(projectKeys.params) },
    ],
    [projectKeys],
  );
  // Defaults where the URL says nothing: the first metric, and the params that differ.
  const varying = useMemo(() => varyingParamIds(shown), [shown]);
  const firstMetric = summaries[0]?.id ?? null;
  const scatterX = view.scatterX ?? varying[0] ?? params[0]?.id ?? null;
  const scatterY = view.scatterY ?? firstMetric;
  const parallelParams = view.parallelParams ?? varying.slice(0, DEFAULT_PARALLEL_PARAMS);
  const parallelMetric = view.parallelMetric ?? firstMetric;

  const settings = useMemo(() => ({ x: view.x, smoothing: view.smoothing, logY: view.logY, range: view.range }), [view.x, view.smoothing, view.logY, view.range]);
  const onZoom = useCallback((range: [number, number]) => patch({ range }), [patch]);
  const onResetZoom = useCallback(() => patch({ range: null }), [patch]);
  const runHref = useCallback((runId: string) => `/projects/${projectId}/runs/${runId}`, [projectId]);
  const pickedIds = view.selection.mode === "picked" ? view.selection.ids : shown.map((r) => r.id);
  const shownIds = useMemo(() => shown.map((r) => r.id), [shown]);

  return (
    <section aria-labelledby="compare-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/projects/${projectId}/runs`} className="flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Runs
        </Link>
        <h2 id="compare-heading" className="text-lg font-semibold">
          Compare runs
        </h2>
        {shown.some(isLiveRun) ? <span className="text-xs text-muted-foreground">live: updates every few seconds</span> : null}
        {mayWriteDashboards && shown.length > 0 ? (
          <div className="ml-auto">
            <SaveComparisonDialog projectId={projectId} view={view} shownRunIds={shownIds} />
          </div>
        ) : null}
      </div>
      {runs.isPending ? (
        <LoadingRows rows={6} label="Loading runs" />
      ) : runs.isError ? (
        <ErrorState title="Could not load the runs" error={runs.error} />
      ) : (
        <>
          <RunSelectionBar
            key={view.selection.mode}
            selection={view.selection}
            summary={selectionSummary(selected, view.selection.mode)}
            runsTableHref={runsHref(projectId, { ...emptyRunsView, selected: [...pickedIds].slice(0, 100) })}
            sortOptions={sortOptions}
            onChange={(selection: RunSelection) => patch({ selection, range: null })}
          />
          {shown.length === 0 ? (
            <EmptyState title="No runs to compare" description="Pick runs in the runs table, or change the filter above." />
          ) : (
            <>
              <RunLegend runs={shown} runHref={runHref} />
              <section aria-label="Charts" className="flex flex-col gap-4">
                <div className="sticky top-0 z-20 -mx-1 bg-background/95 px-1 py-2 backdrop-blur">
                  <ChartControls
                    x={view.x}
                    smoothing={view.smoothing}
                    logY={view.logY}
                    zoomed={view.range !== null}
                    // A zoom is a range of one axis: switching axes shows the whole run again.
                    onX={(x: XAxis) => patch({ x, range: null })}
                    onSmoothing={(smoothing) => patch({ smoothing })}
                    onLogY={(logY) => patch({ logY })}
                    onResetZoom={onResetZoom}
                  />
                </div>
                <CompareCharts projectId={projectId} runs={shown} settings={settings} onZoom={onZoom} onResetZoom={onResetZoom} />
              </section>
              <section aria-labelledby="compare-table-heading" className="flex flex-col gap-3">
                <h3 id="compare-table-heading" className="text-base font-semibold">
                  Params and metrics
                </h3>
                <WhenSeen minHeight={Math.min(600, 80 + 37 * shown.length)}>
                  <CompareTable
                    runs={shown}
                    differencesOnly={view.differencesOnly}
                    onDifferencesOnly={(differencesOnly) => patch({ differencesOnly })}
                    runHref={runHref}
                    fileName={`compare-${projectId}.csv`}
                  />
                </WhenSeen>
              </section>
              <div className="grid gap-6 xl:grid-cols-2">
                <section aria-labelledby="compare-scatter-heading" className="flex min-w-0 flex-col gap-3 rounded-lg border bg-card p-4">
                  <h3 id="compare-scatter-heading" className="text-base font-semibold">
                    Scatter
                  </h3>
                  <WhenSeen minHeight={380}>
                    <ScatterPanel
                      runs={shown}
                      x={scatterX}
                      y={scatterY}
                      params={params}
                      summaries={summaries}
                      onChange={({ x, y }) => patch({ scatterX: x ?? scatterX, scatterY: y ?? scatterY })}
                    />
                  </WhenSeen>
                </section>
                <section aria-labelledby="compare-parallel-heading" className="flex min-w-0 flex-col gap-3 rounded-lg border bg-card p-4">
                  <h3 id="compare-parallel-heading" className="text-base font-semibold">
                    Parallel coordinates
                  </h3>
                  <WhenSeen minHeight={380}>
                    <ParallelPanel
                      runs={shown}
                      params={parallelParams}
                      metric={parallelMetric}
                      paramOptions={params}
                      summaries={summaries}
                      onChange={(next) => patch({ parallelParams: next.params ?? parallelParams, parallelMetric: next.metric ?? parallelMetric })}
                    />
                  </WhenSeen>
                </section>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
