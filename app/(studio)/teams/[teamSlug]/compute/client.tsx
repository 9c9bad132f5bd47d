"use client";

import { useQuery } from "@tanstack/react-query";
import { ComputeTargetCard } from "@/components/compute/compute-target-card";
import { RegisterComputeDialog } from "@/components/compute/register-compute-dialog";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

/** Heartbeats come every few seconds; this keeps health and utilisation current without a socket. */
const LIVE_REFRESH_MS = 5000;

export function ComputeClient({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.get.queryOptions({ teamSlug }));
  const targets = useQuery({ ...trpc.compute.list.queryOptions({ teamSlug }), refetchInterval: LIVE_REFRESH_MS });
  const admin = can(team.data?.role, "compute:admin");
  const gpus = targets.data?.reduce((n, t) => n + t.gpus.length, 0) ?? 0;
  const allocated = targets.data?.reduce((n, t) => n + t.allocatedGpus.length, 0) ?? 0;

  return (
    <section aria-labelledby="compute-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h2 id="compute-heading" className="text-lg font-semibold">
            Compute
          </h2>
          <p className="text-sm text-muted-foreground">
            {targets.data?.length
              ? `${targets.data.length} target${targets.data.length === 1 ? "" : "s"} · ${allocated} of ${gpus} GPU${gpus === 1 ? "" : "s"} allocated. Refreshes every few seconds.`
              : "GPU hosts this team's jobs run on."}
          </p>
        </div>
        {admin ? <RegisterComputeDialog teamSlug={teamSlug} /> : null}
      </div>
      {targets.isPending ? (
        <LoadingRows label="Loading compute" />
      ) : targets.isError ? (
        <ErrorState title="Could not load compute" error={targets.error} />
      ) : targets.data.length === 0 ? (
        <EmptyState
          title="No compute yet"
          description={
            admin
              ? "Register a GPU host, then start the Trainyard agent there with the token you get. On a single machine, “npm run up” starts a local agent that every team shares."
              : "Owners and admins can register compute: a GPU host running the Trainyard agent."
          }
        />
      ) : (
        <ul aria-label="Compute targets" className="flex flex-col gap-4">
          {targets.data.map((target) => (
            <li key={target.id}>
              <ComputeTargetCard teamSlug={teamSlug} target={target} now={targets.dataUpdatedAt} canRemove={admin} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
