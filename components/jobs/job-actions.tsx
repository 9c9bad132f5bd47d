"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FlaskConical, RotateCcw, Square } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorState } from "../ui/states";
import { isJobEnded } from "./job-state-badge";
import type { JobDetails } from "./types";

/**
 * Cancel while the job waits or runs (a running one stops when its agent next checks in). Once it
 * has ended: "Run again" queues a copy as a new run; "Reproduce" queues one pinned to the commit
 * and environment version this run used, which gets a verdict against it. Both open the new run.
 */
export function JobActions({ job }: { job: JobDetails }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({
      onSuccess: async (updated) => {
        queryClient.setQueryData(trpc.jobs.ofRun.queryKey({ runId: job.runId }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ runId: job.runId }) });
      },
    }),
  );
  const rerun = useMutation(
    trpc.jobs.rerun.mutationOptions({
      onSuccess: async ({ runId }) => {
        router.push(`/projects/${job.projectId}/runs/${runId}`);
        await queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey({ projectId: job.projectId }) });
      },
    }),
  );

  const reproduce = useMutation(
    trpc.environments.reproduce.mutationOptions({
      onSuccess: async ({ runId }) => {
        router.push(`/projects/${job.projectId}/runs/${runId}`);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey({ projectId: job.projectId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.environments.ofRun.queryKey({ runId: job.runId }) }),
        ]);
      },
    }),
  );

  if (isJobEnded(job.state)) {
    const launching = rerun.isPending || rerun.isSuccess || reproduce.isPending || reproduce.isSuccess;
    return (
      <div className="flex flex-col items-end gap-2">
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={launching}
            title="Launch it again on the same commit, environment version, params and data, and compare its metrics with this run's"
            onClick={() => reproduce.mutate({ runId: job.runId })}
          >
            <FlaskConical aria-hidden /> {reproduce.isPending || reproduce.isSuccess ? "Reproducing…" : "Reproduce"}
          </Button>
          <Button variant="outline" size="sm" disabled={launching} onClick={() => rerun.mutate({ jobId: job.id })}>
            <RotateCcw aria-hidden /> {rerun.isPending || rerun.isSuccess ? "Launching…" : "Run again"}
          </Button>
        </div>
        {rerun.error ? <ErrorState title="Could not launch it again" error={rerun.error} /> : null}
        {reproduce.error ? <ErrorState title="Could not reproduce the run" error={reproduce.error} /> : null}
      </div>
    );
  }
  if (job.cancelRequestedAt) {
    return (
      <Button variant="outline" size="sm" disabled>
        Cancelling…
      </Button>
    );
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm">
          <Square aria-hidden /> Cancel job
        </Button>
      }
      title="Cancel this job?"
      description={
        job.state === "queued"
          ? "It leaves the queue at once and its run ends as cancelled."
          : "Its agent stops the command at its next check-in and the run ends as cancelled. Logs and metrics so far are kept."
      }
      confirmLabel="Cancel job"
      onConfirm={() => cancel.mutateAsync({ jobId: job.id })}
    />
  );
}
