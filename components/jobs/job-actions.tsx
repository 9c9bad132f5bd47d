"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw, Square } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorState } from "../ui/states";
import { isJobEnded } from "./job-state-badge";
import type { JobDetails } from "./types";

/**
 * Cancel while the job waits or runs (a running one stops when its agent next checks in), and
 * "Run again" once it has ended, which queues a copy as a new run and opens it.
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

  if (isJobEnded(job.state)) {
    return (
      <div className="flex flex-col items-end gap-2">
        <Button variant="outline" size="sm" disabled={rerun.isPending || rerun.isSuccess} onClick={() => rerun.mutate({ jobId: job.id })}>
          <RotateCcw aria-hidden /> {rerun.isPending || rerun.isSuccess ? "Launching…" : "Run again"}
        </Button>
        {rerun.error ? <ErrorState title="Could not launch it again" error={rerun.error} /> : null}
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
