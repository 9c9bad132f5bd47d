import Link from "next/link";
import { formatBytes } from "../charts/prepare/format";
import { isJobState, JobStateBadge } from "../jobs/job-state-badge";
import { Badge } from "../ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { GpuInventory } from "./gpu-inventory";
import { SlurmCluster } from "./slurm-cluster";
import { SlurmTokenDialog } from "./slurm-token-dialog";
import { RemoveTargetButton } from "./remove-target-button";
import { Ago, TargetStatusBadge } from "./target-status-badge";
import type { ComputeTarget } from "./types";

function None() {
  return <span className="text-muted-foreground">—</span>;
}

/** One target: health, host, GPU inventory with allocation and utilisation, and the team's jobs on it. */
export function ComputeTargetCard({
  teamSlug,
  target,
  now,
  canRemove,
}: {
  teamSlug: string;
  target: ComputeTarget;
  /** The list's fetch time, for "last heartbeat 12s ago". */
  now: number;
  canRemove: boolean;
}) {
  const { host } = target;
  const labels = Object.entries(target.labels);
  return (
    <Card data-testid="compute-target" data-name={target.name} data-status={target.status}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle className="font-mono">
            {target.name}
          </CardTitle>
          {target.shared ? (
            <Badge variant="secondary" title="The instance's local agent, usable by every team">
              shared
            </Badge>
          ) : null}
          <Badge variant="outline">{target.kind}</Badge>
          <TargetStatusBadge status={target.status} />
          <span className="text-xs text-muted-foreground">
            {target.lastHeartbeatAt ? (
              <>
                {target.slurm ? "slurmrestd last read" : "Last heartbeat"} <Ago value={target.lastHeartbeatAt} now={now} />
              </>
            ) : target.slurm ? (
              "slurmrestd not read yet"
            ) : (
              "No heartbeat yet: start its agent"
            )}
          </span>
          {canRemove && !target.shared ? (
            <div className="ml-auto">
              <RemoveTargetButton teamSlug={teamSlug} target={target} />
            </div>
          ) : null}
        </div>
        {labels.length ? (
          <ul className="flex flex-wrap gap-1">
            {labels.map(([k, v]) => (
              <li key={k}>
                <Badge variant="secondary" className="font-mono font-normal">
                  {v ? `${k}=${v}` : k}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {target.slurm ? <SlurmCluster target={target} manage={canRemove && !target.shared ? <SlurmTokenDialog teamSlug={teamSlug} target={target} /> : null} /> : null}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
          <div>
            <dt className="text-xs text-muted-foreground">Host</dt>
            <dd className="truncate font-mono text-xs leading-5" title={host.hostname}>
              {host.hostname ?? <None />}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">OS</dt>
            <dd className="truncate" title={host.os}>
              {host.os ?? <None />}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">CPUs</dt>
            <dd className="tabular-nums">{host.cpus ?? <None />}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Memory</dt>
            <dd className="tabular-nums">{host.memoryMb !== undefined ? formatBytes(host.memoryMb * 1024 * 1024) : <None />}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Agent</dt>
            <dd className="font-mono text-xs leading-5">{host.agentVersion ?? <None />}</dd>
          </div>
        </dl>
        <section aria-label={`GPUs of ${target.name}`} className="flex flex-col gap-2">
          <p className="text-sm font-medium" data-testid="gpu-allocation">
            {target.gpus.length === 0
              ? "No GPUs reported"
              : `${target.allocatedGpus.length} of ${target.gpus.length} GPU${target.gpus.length === 1 ? "" : "s"} allocated`}
          </p>
          {target.gpus.length ? <GpuInventory target={target} /> : null}
        </section>
        {target.jobs.length ? (
          <section aria-label={`Jobs on ${target.name}`} className="flex flex-col gap-2">
            <p className="text-sm font-medium">Your team&apos;s jobs here</p>
            <ul className="divide-y rounded-lg border text-sm">
              {target.jobs.map((job) => (
                <li key={job.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
                  <Link href={`/projects/${job.projectId}/runs/${job.runId}`} className="font-mono text-xs text-primary hover:underline">
                    {job.runId}
                  </Link>
                  {isJobState(job.state) ? <JobStateBadge state={job.state} /> : null}
                  <span className="ml-auto font-mono text-xs text-muted-foreground">
                    {job.gpus.length ? `CUDA_VISIBLE_DEVICES=${job.gpus.join(",")}` : "no GPUs"}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
