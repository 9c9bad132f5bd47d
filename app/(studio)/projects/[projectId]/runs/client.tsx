"use client";

import { useQuery } from "@tanstack/react-query";
import { GitCompare, Rocket } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo } from "react";
import { ColumnChooser } from "@/components/runs/column-chooser";
import { RunsEmpty } from "@/components/runs/runs-empty";
import { RunsTable } from "@/components/runs/runs-table";
import { RunsToolbar } from "@/components/runs/runs-toolbar";
import { useRunsModel } from "@/components/runs/use-runs-model";
import { useUrlState } from "@/components/runs/use-url-state";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";
import { compareHref, MAX_SELECTED, parseRunsView, type RunsView, serializeRunsView } from "./search-params";

const NO_RUNS: never[] = [];
const LIVE_REFRESH_MS = 5000;

export function RunsClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.runs.list.queryOptions({ projectId }),
    // Live while anything is still queued or running; a finished project costs no polling.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "running" || r.status === "queued") ? LIVE_REFRESH_MS : false),
  });
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const [view, setView] = useUrlState(parseRunsView, serializeRunsView);
  const patch = useCallback((next: Partial<RunsView>) => setView((v) => ({ ...v, ...next })), [setView]);
  const all = runs.data ?? NO_RUNS;
  // The fetch time, not Date.now(): the server render and hydration then agree on durations.
  const model = useRunsModel(all, view, runs.dataUpdatedAt);
  const selected = useMemo(() => new Set(view.selected), [view.selected]);

  const onSelect = useCallback(
    (ids: string[], on: boolean) =>
      setView((v) => {
        const next = new Set(v.selected);
        for (const id of ids) {
          if (!on) next.delete(id);
          else if (next.size < MAX_SELECTED) next.add(id);
        }
        return { ...v, selected: [...next] };
      }),
    [setView],
  );
  const runHref = useCallback((runId: string) => `/projects/${projectId}/runs/${runId}`, [projectId]);
  const n = view.selected.length;

  return (
    <section aria-labelledby="runs-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Runs
        </h2>
        {runs.data ? (
          <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="runs-count">
            {model.rows.length === all.length ? `${all.length} runs` : `${model.rows.length} of ${all.length} runs`}
          </p>
        ) : null}
        <div className="ml-auto flex items-center gap-2">
          {all.length > 0 && n > 0 ? (
            <Button variant="ghost" size="sm" onClick={() => patch({ selected: [] })}>
              Clear selection
            </Button>
          ) : null}
          {all.length === 0 ? null : n >= 2 ? (
            <Button asChild size="sm">
              <Link href={compareHref(projectId, view.selected)}>
                <GitCompare aria-hidden /> Compare ({n})
              </Link>
            </Button>
          ) : (
            <Button size="sm" disabled title="Select at least two runs to compare">
              <GitCompare aria-hidden /> Compare ({n})
            </Button>
          )}
          {can(project.data?.role, "runs:write") ? (
            <Button asChild size="sm" variant="outline">
              <Link href={`/projects/${projectId}/launch`}>
                <Rocket aria-hidden /> Launch job
              </Link>
            </Button>
          ) : null}
        </div>
      </div>
      {runs.isPending ? (
        <LoadingRows rows={6} label="Loading runs" />
      ) : runs.isError ? (
        <ErrorState title="Could not load the runs" error={runs.error} />
      ) : all.length === 0 ? (
        <RunsEmpty projectId={projectId} />
      ) : (
        <>
          <RunsToolbar filters={view} onChange={patch}>
            <ColumnChooser
              keys={model.keys}
              visible={model.visibleIds}
              onChange={(columns) => patch({ columns })}
              onReset={() => patch({ columns: null })}
            />
          </RunsToolbar>
          {n >= MAX_SELECTED ? (
            <p className="text-sm text-muted-foreground">At most {MAX_SELECTED} runs can be selected for a comparison.</p>
          ) : null}
          {model.rows.length === 0 ? (
            <EmptyState title="No runs match these filters" description="Change or clear the filters to see more runs." />
          ) : (
            <RunsTable
              rows={model.rows}
              columns={model.columns}
              sort={view.sort}
              onSort={(sort) => patch({ sort })}
              selected={selected}
              onSelect={onSelect}
              canSelectMore={n < MAX_SELECTED}
              runHref={runHref}
              now={runs.dataUpdatedAt}
            />
          )}
        </>
      )}
    </section>
  );
}
