"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { formatBytes } from "../charts/prepare/format";
import { SelectorLink } from "../environments/selector-link";
import { ShortDate } from "../runs/short-date";
import { useTRPC } from "../trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { ErrorState } from "../ui/states";
import { AttemptsTable } from "./attempts-table";
import { JobActions } from "./job-actions";
import { isJobEnded, JobStateBadge } from "./job-state-badge";
import type { JobDetails } from "./types";

/** Fast enough that a placement, start or exit shows within two seconds. */
export const JOB_REFRESH_MS = 1500;

function None() {
  return <span className="text-muted-foreground">—</span>;
}

function codeText(code: JobDetails["code"]): string | null {
  if (code.kind === "git") return `${code.git} @ ${code.commit ?? code.ref}`;
  if (code.kind === "snapshot") return `snapshot sha256:${code.sha256.slice(0, 12)}`;
  return null;
}

function resourcesText(r: JobDetails["resources"]): string {
  const parts = [`${r.gpus} GPU${r.gpus === 1 ? "" : "s"}${r.gpuModel ? ` (${r.gpuModel})` : ""}`];
  if (r.cpus) parts.push(`${r.cpus} CPUs`);
  if (r.memoryMb) parts.push(formatBytes(r.memoryMb * 1024 * 1024));
  if (r.timeLimitMinutes) parts.push(`${r.timeLimitMinutes} min limit`);
  return parts.join(" · ");
}

/**
 * The job behind a run launched through the platform: state, why it waits or failed, where it runs
 * and every attempt. Polls while the job has not ended and refetches the run whenever the job's
 * state moves, so the run's status badge follows without waiting for the run's own poll.
 * Renders nothing for runs logged from outside (no job).
 */
export function JobPanel({ runId, teamSlug, canWrite }: { runId: string; teamSlug?: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery({
    ...trpc.jobs.ofRun.queryOptions({ runId }),
    refetchInterval: (query) => (query.state.data && !isJobEnded(query.state.data.state) ? JOB_REFRESH_MS : false),
  });

  const state = job.data?.state;
  const attempt = job.data?.attempt;
  const seen = useRef({ state, attempt });
  useEffect(() => {
    if (seen.current.state === state && seen.current.attempt === attempt) return;
    seen.current = { state, attempt };
    void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ runId }) });
  }, [state, attempt, queryClient, trpc, runId]);

  if (job.isError) return <ErrorState title="Could not load the job" error={job.error} />;
  if (!job.data) return null;
  return <JobCard job={job.data} teamSlug={teamSlug} canWrite={canWrite} />;
}

function JobCard({ job, teamSlug, canWrite }: { job: JobDetails; teamSlug?: string; canWrite: boolean }) {
  const ended = isJobEnded(job.state);
  const code = codeText(job.code);
  const targetName = (t: { id: string; name: string } | null, fallback: string) =>
    t ? (
      teamSlug ? (
        <Link href={`/teams/${teamSlug}/compute`} className="font-mono text-xs text-primary hover:underline">
          {t.name}
        </Link>
      ) : (
        <span className="font-mono text-xs">{t.name}</span>
      )
    ) : (
      <span className="text-muted-foreground">{fallback}</span>
    );

  return (
    <Card role="region" aria-label="Job" data-testid="job-panel">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-3">
          <CardTitle>Job</CardTitle>
          <JobStateBadge state={job.state} data-testid="job-state" />
          {job.maxRetries > 0 ? (
            <span className="text-xs text-muted-foreground">
              attempt {job.attempt} of {job.maxRetries + 1}
            </span>
          ) : null}
          <span className="font-mono text-xs text-muted-foreground">{job.id}</span>
          {canWrite ? (
            <div className="ml-auto">
              <JobActions job={job} />
            </div>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {(job.state === "queued" || job.state === "assigned") && job.pendingReason ? (
          <p role="status" data-testid="pending-reason" className="rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground">
            {job.pendingReason}
          </p>
        ) : null}
        {job.cancelRequestedAt && !ended ? (
          <p role="status" className="rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground">
            {job.slurm
              ? "Cancel requested: Trainyard cancels the Slurm batch job."
              : "Cancel requested: the agent stops the command at its next check-in."}
          </p>
        ) : null}
        {(job.state === "failed" || job.state === "lost") && job.failureReason ? (
          <div className="flex flex-col gap-1.5">
            <p className="text-sm font-medium">Why it {job.state === "lost" ? "was lost" : "failed"}</p>
            <pre
              data-testid="failure-reason"
              className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 font-mono text-xs leading-5"
            >
              {job.failureReason}
            </pre>
          </div>
        ) : null}
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
          <dt className="text-muted-foreground">Command</dt>
          <dd className="sm:col-span-3">
            <pre data-testid="job-command" className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-muted px-2 py-1 font-mono text-xs leading-5">
              {job.command}
            </pre>
          </dd>
          <dt className="text-muted-foreground">Code</dt>
          <dd className="sm:col-span-3">{code ? <span className="break-all font-mono text-xs leading-5">{code}</span> : <None />}</dd>
          <dt className="text-muted-foreground">Resources</dt>
          <dd>{resourcesText(job.resources)}</dd>
          <dt className="text-muted-foreground">GPUs</dt>
          <dd data-testid="allocated-gpus" className="font-mono text-xs leading-5">
            {job.allocatedGpus.length ? `CUDA_VISIBLE_DEVICES=${job.allocatedGpus.join(",")}` : job.assignedTarget ? "none" : <None />}
          </dd>
          <dt className="text-muted-foreground">Target</dt>
          <dd>{targetName(job.target, "Any matching target")}</dd>
          <dt className="text-muted-foreground">Assigned to</dt>
          <dd data-testid="assigned-target">{targetName(job.assignedTarget, job.state === "queued" ? "Not yet" : "—")}</dd>
          {job.slurm ? <SlurmRows slurm={job.slurm} /> : null}
          <dt className="text-muted-foreground">Priority</dt>
          <dd className="tabular-nums">{job.priority}</dd>
          <dt className="text-muted-foreground">Exit code</dt>
          <dd className="font-mono text-xs leading-5">{job.exitCode ?? <None />}</dd>
          <dt className="text-muted-foreground">Queued</dt>
          <dd>
            <ShortDate value={job.createdAt} />
          </dd>
          <dt className="text-muted-foreground">Started</dt>
          <dd>
            <ShortDate value={job.startedAt} />
          </dd>
          <dt className="text-muted-foreground">Environment</dt>
          <dd className="leading-5">{job.environment ? <SelectorLink projectId={job.projectId} selector={job.environment} /> : <None />}</dd>
          <dt className="text-muted-foreground">Ended</dt>
          <dd>
            <ShortDate value={job.endedAt} />
          </dd>
        </dl>
        {job.attempts.length ? (
          <section aria-label="Attempts" className="flex flex-col gap-2">
            <p className="text-sm font-medium">Attempts</p>
            <AttemptsTable attempts={job.attempts} />
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The Slurm batch job of the current attempt: id, partition, node, SLURM_JOB_GPUS, Slurm's state and reason. */
function SlurmRows({ slurm }: { slurm: NonNullable<JobDetails["slurm"]> }) {
  return (
    <>
      <dt className="text-muted-foreground">Slurm job</dt>
      <dd data-testid="slurm-job-id" className="font-mono text-xs leading-5">
        {slurm.jobId ?? (slurm.submitError ? `not submitted: ${slurm.submitError}` : "being submitted")}
      </dd>
      <dt className="text-muted-foreground">Slurm state</dt>
      <dd data-testid="slurm-state" className="font-mono text-xs leading-5">
        {slurm.state ? `${slurm.state}${slurm.reason ? ` (${slurm.reason})` : ""}` : <None />}
      </dd>
      <dt className="text-muted-foreground">Partition</dt>
      <dd className="font-mono text-xs leading-5">{slurm.partition ?? <None />}</dd>
      <dt className="text-muted-foreground">Node</dt>
      <dd data-testid="slurm-node" className="font-mono text-xs leading-5">
        {slurm.node ?? <None />}
      </dd>
      <dt className="text-muted-foreground">SLURM_JOB_GPUS</dt>
      <dd data-testid="slurm-gpus" className="font-mono text-xs leading-5">
        {slurm.gpus ?? <None />}
      </dd>
    </>
  );
}
