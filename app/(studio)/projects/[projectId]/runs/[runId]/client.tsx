"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useCallback } from "react";
import { awaitingVerdict } from "@/components/environments/reproduction";
import { ReproductionCard } from "@/components/environments/reproduction-card";
import { RunEnvironment } from "@/components/environments/run-environment";
import { JobPanel } from "@/components/jobs/job-panel";
import { RegisterModelDialog } from "@/components/models/register-model-dialog";
import { ArtifactsTable } from "@/components/runs/artifacts-table";
import { LogsPanel } from "@/components/runs/logs-panel";
import { MetricsPanel } from "@/components/runs/metrics-panel";
import { NotesEditor } from "@/components/runs/notes-editor";
import { ParamsTable } from "@/components/runs/params-table";
import { RunHeader } from "@/components/runs/run-header";
import { RunOverview } from "@/components/runs/run-overview";
import { RunTabs } from "@/components/runs/run-tabs";
import { useUrlState } from "@/components/runs/use-url-state";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import type { RunStatus } from "@/db/schema/enums";
import { can } from "@/server/auth/permissions";
import { parseRunView, type RunTab, serializeRunView } from "./search-params";

const LIVE_REFRESH_MS = 3000;
const isLive = (status: RunStatus | undefined) => status === "running" || status === "queued";

export function RunClient({ projectId, runId }: { projectId: string; runId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  // The job panel polls this while the job runs; here it only tells whether a verdict may still come.
  const job = useQuery(trpc.jobs.ofRun.queryOptions({ runId }));
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ runId }),
    // A queued run (its job waits or is being placed) is live too: it starts without a reload. A
    // reproduction keeps asking until its verdict, written just after its job ends, arrives.
    refetchInterval: (query) =>
      isLive(query.state.data?.status) || awaitingVerdict(query.state.data?.reproduction?.verdict, job.data, Date.now()) ? LIVE_REFRESH_MS : false,
  });
  const live = isLive(run.data?.status);
  const artifacts = useQuery({ ...trpc.runs.artifacts.queryOptions({ runId }), refetchInterval: live ? LIVE_REFRESH_MS : false });
  const [view, setView] = useUrlState(parseRunView, serializeRunView);
  const setTab = useCallback((tab: RunTab) => setView((v) => ({ ...v, tab })), [setView]);
  const setSmoothing = useCallback((smoothing: number) => setView((v) => ({ ...v, smoothing })), [setView]);

  if (run.isPending) return <LoadingRows rows={4} label="Loading run" />;
  if (run.isError) return <ErrorState title="Could not load the run" error={run.error} />;
  const r = run.data;
  const canWrite = can(project.data?.role, "runs:write");

  return (
    <div className="flex flex-col gap-4">
      <Link href={`/projects/${projectId}/runs`} className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All runs
      </Link>
      <RunHeader
        key={r.name}
        run={r}
        canWrite={canWrite}
        actions={can(project.data?.role, "models:write") ? <RegisterModelDialog projectId={projectId} runId={runId} /> : null}
      />
      {r.reproduction ? <ReproductionCard projectId={projectId} runId={r.id} reproduction={r.reproduction} /> : null}
      <JobPanel runId={runId} teamSlug={project.data?.teamSlug} canWrite={canWrite} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <RunTabs
          label="Run sections"
          value={view.tab}
          onChange={setTab}
          tabs={[
            { id: "metrics", label: "Metrics", count: r.metrics.length },
            { id: "params", label: "Params", count: Object.keys(r.params).length },
            { id: "logs", label: "Logs" },
            { id: "artifacts", label: "Artifacts", count: artifacts.data?.length },
            { id: "notes", label: "Notes" },
          ]}
        >
          {view.tab === "metrics" ? (
            <MetricsPanel runId={runId} metrics={r.metrics} smoothing={view.smoothing} onSmoothingChange={setSmoothing} live={live} />
          ) : view.tab === "params" ? (
            <ParamsTable params={r.params} />
          ) : view.tab === "logs" ? (
            <LogsPanel key={runId} runId={runId} running={live} />
          ) : view.tab === "artifacts" ? (
            artifacts.isPending ? (
              <LoadingRows label="Loading artifacts" />
            ) : artifacts.isError ? (
              <ErrorState title="Could not load the artifacts" error={artifacts.error} />
            ) : (
              <ArtifactsTable runId={runId} artifacts={artifacts.data} />
            )
          ) : (
            <NotesEditor key={runId} runId={runId} notes={r.notes} canWrite={canWrite} />
          )}
        </RunTabs>
        <aside className="order-first flex flex-col gap-4 lg:order-none">
          {/* The fetch time, not Date.now(): server render and hydration agree on the duration. */}
          <RunOverview run={r} now={run.dataUpdatedAt} />
          <RunEnvironment projectId={projectId} runId={runId} status={r.status} />
        </aside>
      </div>
    </div>
  );
}
